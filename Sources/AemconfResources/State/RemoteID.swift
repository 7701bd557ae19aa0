import AemconfPlanner

/// Names of the services' ids kept in a state row (`StoredResource.remoteIDs`), and what the `pending.` and
/// `retired.` ones of a rotation or migration mean.
///
/// A rotation keeps the new part under `pending.` until it is installed, then promotes it and keeps the old
/// objects under `retired.` until every dependent uses the new one; only then are they removed.
enum RemoteID {
    static let credentialID = "credentialId"
    static let bindingID = "bindingId"
    static let keystoreAlias = "keystoreAlias"
    static let keystoreCertificate = "keystoreCertificate"
    static let certificatePEM = "certificatePEM"
    static let secretUUID = "secretUuid"
    static let secretCreatedAt = "secretCreatedAt"
    static let consoleName = "consoleName"
    static let rotation = "rotation"

    static let pending = "pending."
    static let retired = "retired."

    /// `pending.<name>`.
    static func pending(_ name: String) -> String { pending + name }
    /// `retired.<name>`.
    static func retired(_ name: String) -> String { retired + name }

    /// What the `retired.` ids say is left to remove, for the plan's reason; `nil` when nothing is.
    static func unfinished(_ ids: [String: String]) -> String? {
        var parts: [String] = []
        if ids[retired(bindingID)] != nil { parts.append("the old certificate binding") }
        if let alias = ids[retired(keystoreAlias)] { parts.append("the old keystore alias '\(alias)'") }
        if ids[retired(secretUUID)] != nil { parts.append("the old client secret") }
        if let credential = ids[retired(credentialID)] { parts.append("the old JWT credential '\(credential)'") }
        guard !parts.isEmpty else { return nil }
        return "removes " + parts.joined(separator: ", ") + " once the new one is in use"
    }

    /// The renewals an interrupted run started (`pending.` material in state).
    static func pendingRenewals(_ ids: [String: String]) -> [String] {
        var parts: [String] = []
        if ids[pending(certificatePEM)] != nil { parts.append(Renewal.Part.certificate) }
        if ids[pending(secretUUID)] != nil { parts.append(Renewal.Part.clientSecret) }
        return parts
    }
}
