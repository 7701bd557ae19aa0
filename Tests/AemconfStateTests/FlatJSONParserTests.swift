import Foundation
import Testing

@testable import AemconfState

/// The fast column parser must agree with `JSONDecoder` on everything it accepts, and decline (return
/// `nil`, so the caller falls back to `JSONDecoder`) everything else.
@Suite struct FlatJSONParserTests {
    static func encode<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func readsWhatOurEncoderWritesAsJSONDecoderDoes() throws {
        let objects: [[String: String]] = [
            [:], ["a": "b"],
            ["project": "4566206088344794932", "credential": "cred-1", "path": "/conf/global/settings"],
            ["unicode": "étoile ✓", "empty": ""],
        ]
        for object in objects {
            let text = try Self.encode(object)
            #expect(FlatJSONParser.stringObject(text) == object, "\(text)")
        }
        let arrays: [[String]] = [[], ["ioIntegrations.prod"], ["a", "b", "", "ü"]]
        for array in arrays {
            let text = try Self.encode(array)
            #expect(FlatJSONParser.stringArray(text) == array, "\(text)")
        }
        let secrets: [String: StoredSecret] = [
            "clientSecret": .fingerprint(SecretFingerprint(value: "hmac-sha256:abc"))
        ]
        let text = try Self.encode(secrets)
        #expect(FlatJSONParser.fingerprintObject(text) == secrets, "\(text)")
    }

    @Test func declinesEverythingElse() {
        for text in [
            "", "{", "{}x", "{ }", #"{"a": "b"}"#, #"{"a":"b\"c"}"#, #"{"a":"b\\nc"}"#, #"{"a":1}"#,
            #"{"a":"b","a":"c"}"#,
            #"{"a":"b",}"#, "[\"a\"\u{0001}]", #"["a",]"#, #"["a" ]"#, "[\"tab\there\"]", "null",
        ] {
            #expect(FlatJSONParser.stringObject(text) == nil, "\(text)")
            #expect(FlatJSONParser.stringArray(text) == nil, "\(text)")
        }
        #expect(FlatJSONParser.fingerprintObject(#"{"s":{"sealed":"AAAA"}}"#) == nil)
        #expect(FlatJSONParser.fingerprintObject(#"{"s":{"fingerprint":"x","more":"y"}}"#) == nil)
    }
}
