import AemconfModel
import AemconfTestSupport
import Foundation
import Testing

@testable import AemconfProviders

/// The Basic header's base64 is Foundation's, and the redactor registers what it registered before.
@Suite struct Base64TextTests {
    @Test func randomBytesEncodeAsFoundationEncodesThem() {
        var random = SplitMix64(seed: 4648)
        for length in Array(0..<40) + [255, 256, 257, 1_000] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
                #expect(Base64Text.encode(bytes) == Data(bytes).base64EncodedString(), "\(bytes)")
            }
        }
        #expect(Base64Text.encode("admin:admin".utf8) == "YWRtaW46YWRtaW4=")
    }

    @Test func theRedactorKeepsValuesOfSixCharactersOrMore() {
        // Characters, not bytes: five accented letters are ten bytes and still too short; a letter with a combining
        // accent is one character.
        let values = [
            ("12345", false), ("123456", true), ("ééééé", false), ("éééééé", true),
            ("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", false), ("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}x", true),
            (String(repeating: "t", count: 2_000), true),
        ]
        for (value, kept) in values {
            let redactor = SecretRedactor()
            redactor.register(Secret(value))
            #expect((redactor.scrub("[\(value)]") == "[(sensitive)]") == kept, "\(value.debugDescription)")
        }
    }

    @Test func aValueRegisteredAgainAfterAnotherStaysRegistered() {
        let redactor = SecretRedactor()
        for value in ["token-one", "token-one", "password-x", "token-one", "password-x"] {
            redactor.register(Secret(value))
        }
        #expect(redactor.scrub("token-one password-x") == "(sensitive) (sensitive)")
        redactor.register(Secret("later-token"))
        #expect(redactor.scrub("later-token token-one") == "(sensitive) (sensitive)")
    }
}
