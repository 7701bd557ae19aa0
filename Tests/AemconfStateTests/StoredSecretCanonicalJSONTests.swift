import AemconfModel
import Foundation
import Testing

@testable import AemconfState

/// The `secrets` column is written without `JSONEncoder`; its text must stay exactly what `JSONEncoder` with
/// sorted keys wrote before (rows are compared as text, and older aemconf versions read them).
@Suite struct StoredSecretCanonicalJSONTests {
    static func encoderText(_ secrets: [String: StoredSecret]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(secrets), as: UTF8.self)
    }

    static let boxes: [Data] = [
        Data(), Data([0]), Data([0xFB, 0xFF, 0xBF]), Data((0..<61).map { UInt8(($0 * 37 + 11) % 256) }),
        Data(repeating: 0xFF, count: 44),
    ]

    @Test func writesWhatJSONEncoderWrites() throws {
        var cases: [[String: StoredSecret]] = [
            [:],
            [
                "clientSecret": .fingerprint(
                    SecretFingerprint(value: "hmac-sha256:" + String(repeating: "ab", count: 32)))
            ],
            ["odd": .fingerprint(SecretFingerprint(value: "quote \" slash / back \\ tab \t é \u{1}"))],
        ]
        for (index, box) in Self.boxes.enumerated() {
            for version in [1, 2, 3] {
                cases.append([
                    "clientSecret": .sealed(SealedSecret(keyID: "key-\(index)/\"x\"", box: box, aadVersion: version)),
                    "privateKey": .sealed(SealedSecret(keyID: "k", box: box, aadVersion: version)),
                    "B": .fingerprint(SecretFingerprint(value: "hmac-sha256:00")),
                    "a": .fingerprint(SecretFingerprint(value: "")),
                    "é": .sealed(SealedSecret(keyID: "", box: box)),
                ])
            }
        }
        for secrets in cases {
            let expected = try Self.encoderText(secrets)
            #expect(ResourceColumns.encodeSecrets(secrets) == expected)
            #expect(try ResourceColumns.decodeSecrets(ResourceColumns.encodeSecrets(secrets)) == secrets)
        }
    }

    @Test func aRecordsColumnsCarryTheSameText() throws {
        let secrets: [String: StoredSecret] = [
            "clientSecret": .sealed(SealedSecret(keyID: "k1", box: Self.boxes[3])),
            "password": .fingerprint(SecretFingerprint(value: "hmac-sha256:ff")),
        ]
        let record = ResourceRecord(
            address: ResourceAddress(kind: .ioIntegration, name: "prod"), attributes: .emptyObject,
            remoteIDs: [:], secrets: secrets, dependencies: [], lastAppliedAt: nil, lastVerifiedAt: nil
        )
        #expect(try ResourceColumns(record: record).secrets == Self.encoderText(secrets))
    }
}
