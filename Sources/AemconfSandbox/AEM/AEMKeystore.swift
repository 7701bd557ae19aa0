import Foundation

/// A user's keystore (`{userPath}/keystore/store.p12`): its password and private-key entries.
public struct AEMKeystore: Codable, Sendable, Equatable {
    /// One private-key entry: the PKCS#8 DER key and its certificate chain (DER).
    public struct Entry: Codable, Sendable, Equatable {
        /// Alias of the entry.
        public var alias: String
        /// The private key, DER PKCS#8.
        public var privateKeyDER: Data
        /// Certificate chain, leaf first, each DER.
        public var chainDER: [Data]

        /// Creates an entry.
        public init(alias: String, privateKeyDER: Data, chainDER: [Data]) {
            self.alias = alias
            self.privateKeyDER = privateKeyDER
            self.chainDER = chainDER
        }
    }

    /// The keystore password set by `createStore`.
    public var password: String
    /// Entries in the order they were added.
    public var entries: [Entry]

    /// Creates a keystore.
    public init(password: String, entries: [Entry] = []) {
        self.password = password
        self.entries = entries
    }
}
