import Foundation
import Testing

@testable import AemconfSandbox

/// The byte-level fast paths of the sandbox's hot code answer exactly as the general code they short-cut.
@Suite struct SandboxFastPathTests {
    /// `urlEncoded` as it splits by `Character` and decodes each side with `decodeComponent`.
    private static func referenceFields(_ text: String) -> [[String]] {
        text.split(separator: "&").map { pair in
            let pieces = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return [
                SandboxForm.decodeComponent(pieces[0]),
                pieces.count > 1 ? SandboxForm.decodeComponent(pieces[1]) : "",
            ]
        }
    }

    @Test(arguments: [
        "a=1+2&b=%C3%A9t%C3%A9&c=&d=%2B%26%3D&e", "&&a==b=&=x&", "x=%ff&y=%C3&z=%zz+1&w=100%", "p=%00%0A%7f",
        "k=caf\u{e9}&\u{e9}=1", "a=e\u{301}&b=&\u{301}=c", "", "q=%7F%80&r=%C3%A9%2B&%E2%82%AC=%e2%82+x",
        "only+ascii=%20%7E%41&t=%C3%28",
    ])
    func urlEncodedFieldsMatchTheCharacterWiseDecoding(text: String) {
        let fields = SandboxForm.urlEncoded(text).fields
        #expect(fields.map { [$0.name, $0.text ?? "<not UTF-8>"] } == Self.referenceFields(text))
    }

    @Test func fieldTextDropsAByteOrderMarkAndRejectsBytesThatAreNotUTF8() {
        let bom = SandboxForm.Field(name: "a", data: Data([0xEF, 0xBB, 0xBF, 0x41]))
        #expect(bom.text == String(data: bom.data, encoding: .utf8))
        #expect(SandboxForm.Field(name: "b", data: Data([0xC3, 0xA9])).text == "é")
        #expect(SandboxForm.Field(name: "c", data: Data([0xFF, 0x41])).text == nil)
        #expect(SandboxForm.Field(name: "d", data: Data([0xED, 0xA0, 0x80])).text == nil)
    }

    @Test func sortedJSONBytesAreWhatJSONEncoderWrites() throws {
        let value: SandboxJSON = [
            "b": "x/y \"q\" \\ \n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f} é 😀 <&>",
            "a": [1, -9_223_372_036_854_775_807, true, false, nil, [:], []],
            "B": ["é": "1", "e\u{301}": "2", "Z": "3", "_": "4", "10": "5", "9": "6"],
            "": .object(["nested": .array([.string(""), .object(["k": nil])])]),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = try encoder.encode(value)
        #expect(value.sortedJSONBytes().map { Data($0) } == expected)
        #expect(SandboxJSON.array([.integer(1), .number(1.5)]).sortedJSONBytes() == nil)
    }

    @Test(arguments: [
        #"{"a":[1,-2,true,false,null,{}],"b":"x\/y\n\"z\"","c":{"d":[]}}"#, " [ 1 , \"é😀\" ]\n",
        #"{"n":9223372036854775807,"m":-9223372036854775808}"#, #"{"big":9223372036854775808}"#, #"{"f":1.5}"#,
        #"{"z":-0}"#, #"{"e":1e3}"#, #"{"u":"\u00e9"}"#, #"{"k":1,"k":2}"#, #"{"é":1,"e\u0301":2}"#, "\"text\"", "1",
        #"{"a":01}"#, #"{"a":1,}"#, #"[1 2]"#, #"{"a":"b"} x"#, "{\"a\":\"\u{1}\"}", "", "\u{feff}{}", #"{"a":tru}"#,
    ])
    func plainDocumentsReadAsJSONDecoderReadsThem(text: String) {
        let data = Data(text.utf8)
        let decoded = try? JSONDecoder().decode(SandboxJSON.self, from: data)
        #expect(SandboxJSON.parse(data) == decoded)
        let plain = data.withUnsafeBytes { SandboxJSON.readPlain($0.bindMemory(to: UInt8.self)) }
        if let plain { #expect(plain == decoded) }
    }

    @Test func aPlainDocumentIsReadWithoutTheDecoderAndOthersAreLeftToIt() {
        let plain = Data(#"{"name":"a","tags":["x"],"size":3}"#.utf8)
        #expect(
            plain.withUnsafeBytes { SandboxJSON.readPlain($0.bindMemory(to: UInt8.self)) }
                == ["name": "a", "tags": ["x"], "size": 3])
        for other in [#"{"size":1.5}"#, #"{"a":"\u0041"}"#, "3", #"{"a":1,"a":1}"#] {
            #expect(Data(other.utf8).withUnsafeBytes { SandboxJSON.readPlain($0.bindMemory(to: UInt8.self)) } == nil)
        }
    }

    @Test func adobeResponsesWriteTheSameBodyWithAndWithoutTheEncoder() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let fields = ["error_code": "401013", "message": "Oauth token is not valid / \"x\""]
        let fractional: SandboxJSON = ["size": .number(0.25), "name": "a/b"]
        #expect(AdobeResponse.encode(fields) == (try encoder.encode(fields)))
        #expect(AdobeResponse.encode(fractional) == (try encoder.encode(fractional)))
        #expect(AdobeResponse.encode(["id": 1] as SandboxJSON) == Data(#"{"id":1}"#.utf8))
    }

    @Test func aemJSONIsWrittenInMemberOrderWithSlingsEscapes() {
        let value: AEMJSONWriter.Value = .object([
            ("z", .string("a<b>\"c\"\\\n\u{1}é/")), ("a", .array([.integer(-3), .bool(true), .null, .double(2)])),
            ("n", .rawNumber("12345678901234567890")), ("o", .object([])),
        ])
        let expected =
            #"{"z":"a\u003Cb\u003E\"c\"\\\n\u0001é/","a":[-3,true,null,2.0],"n":12345678901234567890,"o":{}}"#
        #expect(AEMJSONWriter.render(value) == expected)
        #expect(AEMJSONWriter.bytes(value) == Array(expected.utf8))
        #expect(
            AEMJSONWriter.render(.object([("k", .array([.integer(1), .integer(2)]))]), tidy: true)
                == "{\n  \"k\": [1, 2]\n}")
    }

    @Test func normalizedPathsResolveDotsAndEmptySegments() {
        let cases: [(String, String)] = [
            ("/a/./b//c/", "/a/b/c"), ("a/../../b", "/b"), ("/..", "/"), ("", "/"), ("/a/b/..", "/a"),
            ("/a/.../b", "/a/.../b"), ("//x/.y/..z/", "/x/.y/..z"), ("/é/./b", "/é/b"), ("/a/é/../b", "/a/b"),
        ]
        for (path, normal) in cases {
            #expect(AEMPath.normalize(path) == normal, "\(path)")
        }
    }

    @Test func textContainsAnswersAsFoundation() {
        let cases: [(String, String)] = [
            ("client_secret", "secret"), ("passwor", "password"), ("x.password.y", "password"), ("", "secret"),
            ("Mozilla/5.0", "Mozilla"), ("mozilla", "Mozilla"), ("sécret", "secret"), ("secre\u{301}t", "secret"),
            ("secret\u{301}", "secret"), ("ssecret", "secret"),
        ]
        for (text, part) in cases {
            #expect(SandboxText.contains(text, part) == text.contains(part), "\(text) \(part)")
        }
    }

    @Test func trimmingAndSlashSearchAnswerAsFoundation() {
        for text in [" a ", "\t\tb c\t", " \r\n x \t", "", "   ", "\u{a0}d\u{a0}", " \u{301}e ", "f"] {
            #expect(SandboxText.trimmingWhitespace(text[...]) == text.trimmingCharacters(in: .whitespaces))
        }
        for path in ["/a/b", "a", "/", "/x/é/y", "/a/\u{338}b", "//", ""] {
            #expect(SandboxText.lastSlash(in: path) == path.lastIndex(of: "/"), "\(path)")
        }
        for name in ["a@TypeHint", "./b@Delete", "c", "@", "é@Patch", "x@\u{301}y@"] {
            #expect(SandboxText.lastIndex(of: "@", in: name) == name.lastIndex(of: "@"), "\(name)")
        }
    }

    @Test func targetTimestampsAreWhatTheFormatStringPrints() {
        let calendar = Calendar(identifier: .gregorian)
        var utc = calendar
        utc.timeZone = TimeZone(identifier: "UTC") ?? utc.timeZone
        for seconds in [0, 1_795_600_805.9, -1, 86_399, 951_782_400, -2_208_988_800, 253_402_300_799, 253_402_300_800] {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", Int64(parts.year ?? 0), Int64(parts.month ?? 0),
                Int64(parts.day ?? 0), Int64(parts.hour ?? 0), Int64(parts.minute ?? 0), Int64(parts.second ?? 0))
            #expect(TargetTimestamp.string(date) == expected, "\(seconds)")
        }
        #expect(TargetTimestamp.string(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
    }

    @Test func hexIsTwoLowercaseDigitsPerByte() {
        #expect(SandboxHex.lowercase([0x00, 0x0A, 0xFF, 0x7B]) == "000aff7b")
        #expect(SandboxHex.lowercase([UInt8]()) == "")
    }

    @Test func aRememberedCSRFTokenIsStillBoundToItsUserItsKeyAndItsExpiry() {
        let key = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let otherKey = Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let token = AEMCSRFToken.issue(for: "admin", key: key, at: now)
        #expect(AEMCSRFToken.isValid(token, for: "admin", key: key, at: now))
        #expect(AEMCSRFToken.isValid(token, for: "admin", key: key, at: now))
        #expect(!AEMCSRFToken.isValid(token, for: "someone-else", key: key, at: now))
        #expect(!AEMCSRFToken.isValid(token, for: "admin", key: otherKey, at: now))
        let expired = now.addingTimeInterval(TimeInterval(SandboxAssumptions.csrfTokenLifetimeSeconds))
        #expect(!AEMCSRFToken.isValid(token, for: "admin", key: key, at: expired))
        #expect(!AEMCSRFToken.isValid(token + "x", for: "admin", key: key, at: now))
    }

    @Test func requestLogDigestsAreSixteenHexDigitsAndTellBodiesApart() {
        let log = SandboxRequestLog()
        let first = log.digest(body: Array("a=1".utf8))
        #expect(first.count == 16)
        #expect(first.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(log.digest(body: Array("a=1".utf8)) == first)
        #expect(log.digest(body: Array("a=2".utf8)) != first)
        #expect(log.digest(body: AnySequence(Array("a=1".utf8))) == first)
    }
}
