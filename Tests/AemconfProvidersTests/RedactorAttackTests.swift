@testable import AemconfProviders
import AemconfModel
import Foundation
import Testing

/// Finding 5 of the security review: a service echoes a secret back in an error, placed so that the 200-character
/// cut splits it, or encoded (percent-encoding, JSON escapes, base64 as in `Authorization: Basic …`).
@Suite struct RedactorAttackTests {
    static let secret = "p@ss/w0rd+Zq81 x&y=z"

    func parse(_ message: String, redactor: SecretRedactor) -> String {
        let body = try! JSONSerialization.data(withJSONObject: [
            "error": "invalid_request", "error_description": message,
        ])
        return RemoteError.parse(ServiceResponse(status: 400, body: Array(body)), redactor: redactor)?.message ?? ""
    }

    func redactor() -> SecretRedactor {
        let redactor = SecretRedactor()
        redactor.register(Secret(Self.secret))
        return redactor
    }

    @Test func aSecretStraddlingTheCutIsScrubbedWhole() {
        for offset in 180...200 {
            let message = parse(String(repeating: "x", count: offset) + Self.secret + " tail", redactor: redactor())
            #expect(!message.contains("p@ss/w"), "offset \(offset): \(message)")
            #expect(message.count <= RemoteError.maximumMessageLength + 1)
        }
    }

    @Test func aSecretStraddlingTheCutOfAPlainTextBodyIsScrubbedWhole() {
        let redactor = redactor()
        for offset in [1_000, 1_020, 16_380] {
            let body = String(repeating: "y", count: offset) + Self.secret
            let message =
                RemoteError.parse(ServiceResponse(status: 500, body: Array(body.utf8)), redactor: redactor)?.message
                ?? ""
            #expect(!message.contains("p@ss/w"))
        }
    }

    @Test func percentEncodedAndJSONEscapedEchoesAreScrubbed() throws {
        let redactor = redactor()
        let encoded = try #require(Self.secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        let lower = encoded.replacingOccurrences(of: "%2F", with: "%2f").replacingOccurrences(of: "%40", with: "%40")
        let form = "p%40ss%2Fw0rd%2BZq81+x%26y%3Dz"
        for echoed in [encoded, lower, form, #"p@ss\/w0rd+Zq81 x&y=z"#] {
            let scrubbed = redactor.scrub("redirect failed: client_secret=\(echoed)&state=1")
            #expect(scrubbed == "redirect failed: client_secret=(sensitive)&state=1", "\(echoed) -> \(scrubbed)")
        }
    }

    @Test func anEchoedBasicAuthorizationHeaderIsScrubbed() {
        let redactor = redactor()
        let header = Data("admin:\(Self.secret)".utf8).base64EncodedString()
        let message = parse("rejected header Authorization: Basic \(header)", redactor: redactor)
        let remaining = message.split(separator: " ").last.map(String.init) ?? ""
        // What is left of the base64 text no longer decodes to anything holding the password.
        let decoded = Data(base64Encoded: remaining).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(!decoded.contains("p@ss"))
        #expect(message.contains("(sensitive)"))
        #expect(!message.contains(header))
    }

    @Test func base64AtEveryAlignmentIsScrubbed() {
        let redactor = redactor()
        for prefix in ["", "a", "ab", "abc"] {
            let encoded = Data((prefix + Self.secret + "!").utf8).base64EncodedString()
            let scrubbed = redactor.scrub(encoded)
            #expect(scrubbed.contains("(sensitive)"), "prefix '\(prefix)'")
            let urlSafe = encoded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            #expect(redactor.scrub(urlSafe).contains("(sensitive)"))
        }
    }
}
