import Foundation

/// What `status-productinfo.json` says about the instance: version and service pack.
public struct AEMProductInfo: Sendable, Equatable {
    /// The raw product lines.
    public var lines: [String]
    /// The full version, e.g. `6.5.20.0`, when found.
    public var version: String?
    /// The AEM 6.5 service pack number, e.g. `20`, when found.
    public var servicePack: Int?

    /// Parses the product lines; looks for the first `6.5.<n>[.<m>]` version.
    public init(lines: [String]) {
        self.lines = lines
        var foundVersion: String?
        var foundPack: Int?
        for line in lines {
            guard let range = line.range(of: #"6\.5\.[0-9]+(\.[0-9]+)?"#, options: .regularExpression) else { continue }
            let text = String(line[range])
            foundVersion = text
            foundPack = text.split(separator: ".").dropFirst(2).first.flatMap { Int($0) }
            break
        }
        self.version = foundVersion
        self.servicePack = foundPack
    }

    /// Whether the IMS UI configures OAuth server-to-server (SP20+, aem.md §2.1); `nil` when unknown.
    public var supportsOAuthServerToServer: Bool? {
        servicePack.map { $0 >= ServiceAssumptions.oauthMinimumServicePack }
    }
}
