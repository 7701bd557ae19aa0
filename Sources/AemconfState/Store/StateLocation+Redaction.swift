import Foundation

extension StateLocation {
    /// The query parameters whose values are printed as they are; every other value is masked.
    static let printableQueryParameters: Set<String> = ["sslmode", "connect_timeout"]

    /// A state URL fit for a message: the user-info's password and every query value but `sslmode` are
    /// replaced by `(sensitive)`.
    ///
    /// It works on the text, not on a parsed URL, so that a URL that does not parse (`postgres://aem:S3cr#t@db/x`,
    /// where `#` starts a fragment) is masked too: everything up to the last `@` of the authority is user-info.
    public static func redact(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.upperBound]
        var rest = Substring(url[schemeEnd.upperBound...])
        var userInfo = ""
        if let at = rest.lastIndex(of: "@") {
            let info = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let user = info.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let userIsPlain = !user.isEmpty && user.allSatisfy { $0.isLetter || $0.isNumber || "._-%".contains($0) }
            if !userIsPlain {
                userInfo = "(sensitive)@"
            } else if info.contains(":") {
                userInfo = "\(user):(sensitive)@"
            } else {
                userInfo = "\(user)@"
            }
        }
        // The query and fragment: each value masked unless known to be harmless.
        var tail = ""
        if let marker = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            let query = rest[rest.index(after: marker)...]
            rest = rest[..<marker]
            if url[marker] == "#" || query.contains("#") {
                tail = "?(sensitive)"
            } else {
                let items = query.split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
                    let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    let name = String(parts[0])
                    guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return "(sensitive)" }
                    let value = parts.count > 1 ? parts[1] : ""
                    if printableQueryParameters.contains(name),
                        value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
                    {
                        return item.description
                    }
                    return "\(name)=(sensitive)"
                }
                tail = "?" + items.joined(separator: "&")
            }
        }
        return "\(scheme)\(userInfo)\(rest)\(tail)"
    }
}
