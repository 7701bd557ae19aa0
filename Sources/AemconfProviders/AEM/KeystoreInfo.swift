/// The `KeystoreInfo` JSON of `{userPath}.ks.json` (aem.md §1.2).
public struct KeystoreInfo: Sendable, Equatable, Decodable {
    /// Whether the user has a keystore.
    public var exists: Bool
    /// The entries.
    public var aliases: [Entry]

    /// One keystore entry.
    public struct Entry: Sendable, Equatable, Decodable {
        /// The alias.
        public var alias: String
        /// `privateKey` for key entries.
        public var entryType: String?
        /// Key algorithm, e.g. `RSA`.
        public var algorithm: String?
        /// Key format, e.g. `PKCS#8`.
        public var format: String?
        /// The certificate chain summary.
        public var chain: [ChainCertificate]?
    }

    /// One certificate of an entry's chain.
    public struct ChainCertificate: Sendable, Equatable, Decodable {
        /// Subject DN.
        public var subject: String?
        /// Issuer DN.
        public var issuer: String?
        /// Start of validity, as AEM renders it.
        public var notBefore: String?
        /// End of validity, as AEM renders it.
        public var notAfter: String?
    }

    /// Creates a value.
    public init(exists: Bool, aliases: [Entry]) {
        self.exists = exists
        self.aliases = aliases
    }

    private enum CodingKeys: String, CodingKey { case exists, aliases }

    /// Decodes; a missing `aliases` means none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        exists = try container.decodeIfPresent(Bool.self, forKey: .exists) ?? false
        aliases = try container.decodeIfPresent([Entry].self, forKey: .aliases) ?? []
    }

    /// Whether an entry with `alias` exists.
    public func contains(alias: String) -> Bool { aliases.contains { $0.alias == alias } }
}
