import AemconfModel
import AemconfPlanner
import Crypto
import Foundation
import Testing

@testable import AemconfResources

/// The config digest writes each attribute with the canonical writer and trims configMgr's scopes without
/// Foundation when it can; both must give the text they gave before.
@Suite struct DigestTextTests {
    @Test func aJSONValuesTextIsJSONEncodersText() {
        let values: [JSONValue?] = [
            nil, .null, .bool(true), .number(3), .number(0.5), .string("a/b \"c\" é"), .strings(["b", "a"]),
            .object(["b": .number(1), "a": .array([.string("x"), .null]), "B": .object([:])]),
        ]
        for value in values {
            #expect(
                CanonicalJSON.text(value) == CanonicalJSON.text(AnyEncodable(value)), "\(String(describing: value))")
        }
    }

    /// The config digest as it was computed before its texts were hashed in place (a `Data` copy of each).
    static func digestAsBefore(_ resources: [DesiredResource]) -> String {
        func canonical(_ value: DesiredValue?) -> String {
            switch value {
            case .known(let json)?: CanonicalJSON.text(json)
            case .sensitive?: "sensitive"
            case .output(let address, let name)?: "output:\(address).\(name)"
            case nil: "nil"
            }
        }
        var hasher = SHA256()
        for resource in resources.sorted(by: { $0.address < $1.address }) {
            hasher.update(data: Data(resource.address.description.utf8))
            for name in resource.attributes.keys.sorted() {
                hasher.update(data: Data("\u{1}\(name)=".utf8))
                hasher.update(data: Data(canonical(resource.attributes[name]).utf8))
            }
            hasher.update(
                data: Data("\u{2}\(resource.dependencies.map(\.description).sorted().joined(separator: ","))".utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    @Test func theConfigDigestIsTheOneComputedBefore() throws {
        let site = try #require(ResourceAddress("ioIntegrations.site-é"))
        let ims = try #require(ResourceAddress("imsConfigurations.target-prod"))
        let sets: [[DesiredResource]] = [
            [],
            [DesiredResource(address: site, attributes: [:])],
            [
                DesiredResource(
                    address: ims,
                    attributes: [
                        "name": .known(.string("a/b \"c\" 😀")), "secret": .sensitive(fingerprint: "f"),
                        "clientId": .output(of: site, name: "clientId"), "scopes": .known(.strings(["b", "a"])),
                    ],
                    dependencies: [site]),
                DesiredResource(address: site, attributes: ["n": .known(.number(0.5)), "z": .known(.null)]),
            ],
        ]
        for resources in sets {
            #expect(DesiredStateBuilder.digest(resources) == Self.digestAsBefore(resources))
        }
    }

    @Test func scopesAreTrimmedAsFoundationTrimsThem() {
        let parts = [
            "openid", " openid", "openid ", "\topenid\t", "", " ", "\u{00A0}openid", "openid\u{3000}", "é", " é ",
            "a b", "\nopenid\n", "AdobeID,", "\u{2003}",
        ]
        for part in parts {
            #expect(
                IMSConfigurationObservation.trimmedOfWhitespace(Substring(part))
                    == part.trimmingCharacters(in: .whitespaces), "\(part.debugDescription)")
        }
    }
}

/// Forces the generic (`Encodable`, `JSONEncoder`) overload.
private struct AnyEncodable: Encodable {
    let value: JSONValue?
    init(_ value: JSONValue?) { self.value = value }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
