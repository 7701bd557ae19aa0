import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// Base64url (RFC 7515 §2): the standard alphabet with `-` and `_`, no padding on output, padding accepted only at
/// the end on input.
@Suite struct Base64URLTests {
    @Test func encodingIsStandardBase64WithTheURLAlphabetAndNoPadding() {
        var random = SplitMix64(seed: 7515)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
            let standard = Data(bytes).base64EncodedString()
            let expected = String(
                standard.compactMap { $0 == "=" ? nil : $0 == "+" ? "-" : $0 == "/" ? "_" : $0 })
            let encoded = Base64URL.encode(bytes)
            #expect(encoded == expected, "length \(length)")
            #expect(Base64URL.decode(encoded) == Data(bytes), "length \(length)")
            #expect(Base64URL.decode(standard.replacing("+", with: "-").replacing("/", with: "_")) == Data(bytes))
        }
    }

    @Test func decodingRefusesWhatIsNotBase64URL() {
        #expect(Base64URL.decode("YQ=Y") == nil, "padding inside the text")
        #expect(Base64URL.decode("YWJjZ") == nil, "a length of 4n+1 cannot come from bytes")
        #expect(Base64URL.decode("YW*j") == nil, "a character outside the alphabet")
        #expect(Base64URL.decode("-_-_") == Data([0xFB, 0xFF, 0xBF]))
        #expect(Base64URL.decode("YQ") == Data("a".utf8))
        #expect(Base64URL.decode("YQ==") == Data("a".utf8))
    }
}
