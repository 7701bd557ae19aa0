import Foundation
import Testing

@testable import AemconfSandbox

/// ``SandboxPercentEncoding`` answers as the Foundation calls it replaces, for every ASCII character and for
/// malformed escapes, escapes of bytes that are not UTF-8 and text that is not ASCII.
@Suite struct SandboxPercentEncodingTests {
    static let ascii = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    @Test func removingAnswersAsFoundation() {
        var cases = [
            "", "/a/b", "%", "%4", "%41", "%4g", "%zz", "a%2Fb", "%2f%2F", "%C3%A9", "%c3%a9", "%C3", "%FF", "%00",
            "%E2%82", "%E2%82%AC/x", "/system/console/configMgr/%5BTemporary%20PID%20replaced%20by%20real%20PID%5D",
            "é%41", "%C3%A9é", "a+b%2Bc", "%%41", "%41%", "/x%20y/%7E",
        ]
        cases += Self.ascii.flatMap { [$0, "%" + $0 + "1", "a" + $0 + "%41"] }
        cases += (0..<256).map { "/p%" + String(format: "%02X", $0) + "q" }
        for text in cases {
            #expect(SandboxPercentEncoding.removing(text) == text.removingPercentEncoding, "\(text.debugDescription)")
        }
    }

    @Test func addingPathEncodingAnswersAsFoundation() {
        var cases = [
            "", "com.adobe.granite.auth.oauth.accesstoken.provider.0b2b4c9e-6d1c-4f9a-8e62-3f0a1b2c3d4e",
            "[Temporary PID replaced by real PID upon save]", "a b", "é", "x/é/y", "100%", "a?b#c", "~user",
        ]
        cases += Self.ascii.flatMap { [$0, "pid." + $0 + ".x"] }
        for text in cases {
            #expect(
                SandboxPercentEncoding.addingPathEncoding(text)
                    == text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed),
                "\(text.debugDescription)")
        }
    }
}
