import AemconfModel
import AemconfState
import Foundation
import Testing

let testScope = SealScope(lineage: "lineage-1", workspace: "stage")

@Suite("SecretSealer")
struct SecretSealerTests {
    @Test func sealsWithAFreshNonceAndOpensWithTheSameKey() throws {
        let sealer = SecretSealer(key: .generate())
        let first = try sealer.seal(Secret("s3cret"), address: "a.b", field: "clientSecret", scope: testScope)
        let second = try sealer.seal(Secret("s3cret"), address: "a.b", field: "clientSecret", scope: testScope)
        #expect(first.box != second.box, "every seal draws a new nonce")
        #expect(first.keyID == sealer.key.id)
        #expect(try sealer.open(first, address: "a.b", field: "clientSecret", scope: testScope).revealed == "s3cret")
        #expect(first.box.count == 12 + 6 + 16, "nonce, ciphertext and tag")
    }

    @Test func wrongKeyNamesBothKeyIDs() throws {
        let sealer = SecretSealer(key: .generate())
        let other = SecretSealer(key: .generate())
        let sealed = try sealer.seal(Secret("s3cret"), address: "a.b", field: "f", scope: testScope)
        #expect {
            try other.open(sealed, address: "a.b", field: "f", scope: testScope)
        } throws: { error in
            let error = error as? StateError
            return error?.code == .wrongStateKey && error?.message.contains(sealer.key.id) == true
                && error?.message.contains(other.key.id) == true && error?.message.contains("s3cret") == false
        }
    }

    @Test func tamperedOrMovedValuesFailAuthentication() throws {
        let sealer = SecretSealer(key: .generate())
        let sealed = try sealer.seal(Secret("s3cret"), address: "a.b", field: "f", scope: testScope)
        var bytes = sealed.box
        bytes[bytes.startIndex + 14] ^= 0x01
        #expect(throws: StateError.sealedValueCorrupt) {
            try sealer.open(SealedSecret(keyID: sealed.keyID, box: bytes), address: "a.b", field: "f", scope: testScope)
        }
        #expect(throws: StateError.sealedValueCorrupt) {
            try sealer.open(sealed, address: "a.other", field: "f", scope: testScope)
        }
    }

    @Test func sealedValuesAndKeysPrintAsSensitive() throws {
        let key = StateKey.generate()
        let sealed = try SecretSealer(key: key).seal(Secret("s3cret"), address: "a.b", field: "f", scope: testScope)
        #expect("\(sealed)" == "(sensitive)")
        #expect("\(StoredSecret.sealed(sealed))" == "(sensitive)")
        #expect("\(key)" == "StateKey(aes-256-gcm, id \(key.id))")
        #expect(!"\(key)".contains(key.base64Secret.revealed))
        #expect("\(key.base64Secret)" == "(sensitive)")
    }

    @Test func fingerprintsAreKeyedPerState() {
        let first = SecretFingerprinter.random()
        let second = SecretFingerprinter.random()
        let value = Secret("s3cret")
        #expect(first.fingerprint(value) == first.fingerprint(value))
        #expect(first.fingerprint(value) != second.fingerprint(value), "another state, another fingerprint")
        #expect(first.fingerprint(value) != first.fingerprint(Secret("other")))
        #expect(first.fingerprint(value).value.hasPrefix("hmac-sha256:"))
        #expect("\(first.fingerprint(value))" == "(sensitive)")
    }
}

@Suite("StateKey")
struct StateKeyTests {
    @Test func loadsFromTheEnvironmentOrAKeyFile() throws {
        let key = StateKey.generate()
        let fromEnvironment = try StateKey.load(
            keyFile: nil, environment: ["AEMCONF_STATE_KEY": key.base64Secret.revealed])
        #expect(fromEnvironment?.id == key.id)
        #expect(try StateKey.load(keyFile: nil, environment: [:]) == nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data((key.base64Secret.revealed + "\n").utf8))
        #expect(try StateKey.load(keyFile: path, environment: [:])?.id == key.id, "base64 text with a newline")
        let raw = try #require(Data(base64Encoded: key.base64Secret.revealed))
        FileManager.default.createFile(atPath: path, contents: raw)
        #expect(try StateKey.load(keyFile: path, environment: [:])?.id == key.id, "32 raw bytes")
    }

    @Test func rejectsKeysOfTheWrongSizeWithoutEchoingThem() {
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        #expect {
            try StateKey.load(keyFile: nil, environment: ["AEMCONF_STATE_KEY": short])
        } throws: { error in
            (error as? StateError)?.code == .stateKeyInvalid && !"\(error)".contains(short)
        }
        #expect(throws: StateError.stateKeyInvalid) {
            try StateKey(base64: "not base64!")
        }
    }
}

@Suite("StateLocation")
struct StateLocationTests {
    @Test func parsesSQLiteAndPostgres() throws {
        #expect(try StateLocation(parsing: "sqlite:.aemconf/state.db") == .sqlite(path: ".aemconf/state.db"))
        #expect(try StateLocation(parsing: "state.db") == .sqlite(path: "state.db"))
        #expect(try StateLocation(parsing: "postgres://u@h:5/db") == .postgres(url: "postgres://u@h:5/db"))
        #expect(try StateLocation(parsing: "postgresql://u@h/db") == .postgres(url: "postgresql://u@h/db"))
        #expect(throws: StateError.self) { try StateLocation(parsing: "mysql://h/db") }
        #expect(throws: StateError.self) { try StateLocation(parsing: "sqlite:") }
    }

    @Test func descriptionHidesThePassword() throws {
        let location = try StateLocation(parsing: "postgres://user:pa55word@db.example:5432/state")
        #expect("\(location)" == "postgres://user:(sensitive)@db.example:5432/state")
    }
}

@Suite("StateFile")
struct StateFileTests {
    @Test func refusesAnotherFormatVersion() {
        let data = Data(
            #"{"formatVersion": 2, "workspace": "default", "lineage": "l", "serial": 1, "resources": []}"#.utf8)
        #expect {
            try StateFile.decode(data)
        } throws: { error in
            (error as? StateError)?.code == .unsupportedFormat && "\(error)".contains("format 2")
        }
        #expect(throws: StateError.self) { try StateFile.decode(Data("not json".utf8)) }
    }

    @Test func roundTripsThroughJSON() throws {
        let record = ResourceRecord(
            address: ResourceAddress(kind: .ioIntegration, name: "b"),
            attributes: try JSONDocument(jsonText: #"{"z": 1, "a": [true, null, "x"]}"#),
            remoteIDs: ["id": "1"],
            secrets: ["f": .fingerprint(SecretFingerprint(value: "hmac-sha256:00"))],
            dependencies: ["imsConfigurations.d"],
            lastAppliedAt: Date(timeIntervalSince1970: 1_767_225_600)
        )
        #expect(record.attributes.text == #"{"a":[true,null,"x"],"z":1}"#, "attributes are canonical")
        let file = StateFile(workspace: "default", lineage: "l", serial: 3, resources: [record])
        #expect(try StateFile.decode(try file.encoded()) == file)
    }

    @Test func stateFileKeepsAddressesAsStringsAndReadsTheSingularKindOfOlderFiles() throws {
        func file(address: String, kind: String) -> Data {
            Data(
                #"{"formatVersion": 1, "workspace": "default", "lineage": "l", "serial": 1, "resources": [{"address": "\#(address)", "kind": "\#(kind)", "attributes": {}, "remoteIDs": {}, "secrets": {}, "dependencies": []}]}"#
                    .utf8
            )
        }
        let old = try StateFile.decode(file(address: "ioIntegrations.prod", kind: "ioIntegration"))
        #expect(old.resources.first?.address == ResourceAddress(kind: .ioIntegration, name: "prod"))
        let text = String(decoding: try old.encoded(), as: UTF8.self)
        #expect(text.contains(#""address" : "ioIntegrations.prod""#) && text.contains(#""kind" : "ioIntegrations""#))
        for (address, kind) in [("ioIntegrations.prod", "imsConfigurations"), ("widgets.prod", "widgets")] {
            #expect(throws: StateError.self) { try StateFile.decode(file(address: address, kind: kind)) }
        }
    }
}

@Suite("Sealed values are bound to their state")
struct SealScopeTests {
    /// Attack (review finding 8): the same key, address and field, but another state: the value does not open.
    @Test func aClientSecretSealedInStageDoesNotOpenInProd() throws {
        let sealer = SecretSealer(key: .generate())
        let stage = SealScope(lineage: "lineage-stage", workspace: "stage")
        let sealed = try sealer.seal(
            Secret("stage-secret"), address: "ioIntegrations.t", field: "clientSecret", scope: stage)
        #expect(sealed.aadVersion == 2)
        #expect(
            try sealer.open(sealed, address: "ioIntegrations.t", field: "clientSecret", scope: stage).revealed
                == "stage-secret")
        for other in [
            SealScope(lineage: "lineage-prod", workspace: "prod"),
            SealScope(lineage: "lineage-stage", workspace: "prod"),
            SealScope(lineage: "lineage-prod", workspace: "stage"),
        ] {
            #expect(throws: StateError.sealedValueCorrupt) {
                try sealer.open(sealed, address: "ioIntegrations.t", field: "clientSecret", scope: other)
            }
        }
        // Rewriting the stored format to 1 (the legacy AAD) does not help either.
        let downgraded = SealedSecret(keyID: sealed.keyID, box: sealed.box, aadVersion: 1)
        #expect(throws: StateError.sealedValueCorrupt) {
            try sealer.open(downgraded, address: "ioIntegrations.t", field: "clientSecret", scope: stage)
        }
    }

    @Test func theFormatIsStoredAndLegacyValuesDecodeAsFormatOne() throws {
        let sealer = SecretSealer(key: .generate())
        let sealed = try sealer.seal(Secret("v"), address: "a.b", field: "f", scope: testScope)
        let data = try JSONEncoder().encode(sealed)
        #expect(String(decoding: data, as: UTF8.self).contains(#""aad":2"#))
        #expect(try JSONDecoder().decode(SealedSecret.self, from: data) == sealed)
        let legacy = try sealer.sealInLegacyFormat(Secret("v"), address: "a.b", field: "f")
        let legacyData = try JSONEncoder().encode(legacy)
        #expect(!String(decoding: legacyData, as: UTF8.self).contains("aad"))
        let decoded = try JSONDecoder().decode(SealedSecret.self, from: legacyData)
        #expect(decoded.isLegacy)
        #expect(try sealer.open(decoded, address: "a.b", field: "f", scope: testScope).revealed == "v")
    }
}

@Suite("StateFile MAC")
struct StateFileMACTests {
    /// Attack (review finding 8): a pulled file edited by hand (or pulled with another key) is refused.
    @Test func anEditedFileFailsItsMAC() throws {
        let key = StateKey.generate()
        let file = try StateFile(
            workspace: "prod", lineage: "l-1", serial: 3,
            resources: [
                ResourceRecord(address: ResourceAddress(kind: .ioIntegration, name: "a"), remoteIDs: ["projectId": "p"])
            ]
        ).authenticated(with: key)
        #expect(file.mac?.hasPrefix("hmac-sha256:") == true)
        let decoded = try StateFile.decode(try file.encoded())
        try decoded.verify(key: key, workspace: "prod")
        var edited = decoded
        edited.resources[0].remoteIDs["projectId"] = "attacker"
        #expect(throws: StateError.self) { try edited.verify(key: key, workspace: "prod") }
        var unsigned = decoded
        unsigned.mac = nil
        #expect(throws: StateError.self) { try unsigned.verify(key: key, workspace: "prod") }
        #expect(throws: StateError.self) { try decoded.verify(key: .generate(), workspace: "prod") }
        #expect(throws: StateError.self) { try decoded.verify(key: nil, workspace: "prod") }
        do {
            try edited.verify(key: key, workspace: "prod")
        } catch let error as StateError {
            #expect(error.code == .stateFileRejected)
        }
    }
}
