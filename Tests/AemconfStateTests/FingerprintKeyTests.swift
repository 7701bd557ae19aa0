import AemconfModel
import AemconfState
import AemconfStateSQLite
import AemconfTestSupport
import Foundation
import Testing

/// Review finding 4: fingerprints cannot be guessed offline from the database alone.
@Suite("Fingerprint key")
struct FingerprintKeyTests {
    static let dictionary = ["123456", "password", "admin", "letmein", "hunter2", "qwerty", "S3cr3t!", "changeme"]

    /// Attack: someone with the database (salt and fingerprints, no state key) runs a dictionary against a
    /// low-entropy client secret fingerprinted there.
    @Test func aDictionaryAgainstTheDatabaseAloneFindsNothing() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-fingerprint")
        defer { directory.remove() }
        let path = directory.path("state.db")
        let key = StateKey.generate()
        let store = try SQLiteStateStore(path: path)
        let snapshot = try await store.load().fingerprinting(with: key)
        #expect(snapshot.fingerprinter.isKeyed)
        var record = StateStoreConformance.plain("imsConfigurations.prod")
        record.secrets = ["clientSecret": .fingerprint(snapshot.fingerprinter.fingerprint(Secret("hunter2")))]
        let lease = try await store.tryLock(StateStoreConformance.request("apply"))
        try await store.commit(.put(record), expectingSerial: 0, lease: lease, context: StateStoreConformance.context)
        try await lease.release()
        try await store.close()

        // The attacker: everything the database holds, no key.
        let stolen = try SQLiteStateStore(path: path, readOnly: true)
        let loaded = try await stolen.read()
        guard case .fingerprint(let stored)? = loaded[record.address]?.secrets["clientSecret"] else {
            Issue.record("no fingerprint stored")
            return
        }
        let fromDatabase = loaded.fingerprinter
        #expect(!fromDatabase.isKeyed)
        let guessed = Self.dictionary.filter {
            fromDatabase.matches(Secret($0), stored)
                || SecretFingerprinter.derived(
                    key: StateKey.generate(), lineage: loaded.lineage, salt: fromDatabase.salt
                ).matches(Secret($0), stored)
        }
        #expect(guessed.isEmpty, "the database alone confirms no guess: \(guessed)")
        try await stolen.close()

        // The key holder still detects changes: the same value, the same fingerprint; another value, another one.
        let keyed = loaded.fingerprinting(with: key).fingerprinter
        #expect(keyed.matches(Secret("hunter2"), stored))
        #expect(!keyed.matches(Secret("hunter3"), stored))
        // Bound to the lineage: another state with the same key and salt gives other fingerprints.
        #expect(
            SecretFingerprinter.derived(key: key, lineage: "other", salt: fromDatabase.salt).fingerprint(
                Secret("hunter2")) != stored)
        // The legacy (salt-only) fingerprint is what the attack breaks, which is why it is no longer used with a key.
        #expect(fromDatabase.fingerprint(Secret("hunter2")) != stored)
    }

    @Test func withoutAKeyTheFingerprinterIsTheLegacyOneAndPrintsNoKey() {
        let fingerprinter = SecretFingerprinter.random()
        #expect(fingerprinter.keyed(by: nil, lineage: "l") == fingerprinter)
        let keyed = fingerprinter.keyed(by: .generate(), lineage: "l")
        #expect(keyed.isKeyed && keyed.salt == fingerprinter.salt)
        #expect("\(keyed)" == "SecretFingerprinter(hmac-sha256, state key)")
        #expect(keyed.fingerprint(Secret("x")).value.hasPrefix("hmac-sha256:"))
    }
}
