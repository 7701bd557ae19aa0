import HTTPTypes
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Testing

@testable import AemconfSandbox

/// The sandbox server converts request heads itself; it must convert them as `HTTP1ToHTTPServerCodec` did.
@Suite struct SandboxHTTPRequestConversionTests {
    static let targets = [
        "/", "/content.json", "/a?b=c&d=%2F", "/system/console/configMgr/%5BTemporary%20PID%5D", "/a:b/c", "//x/y",
        "/é?q=ü", "/a b", "/?", "/#frag", "http://localhost:4502/p?q=1", "http://h", "https://h/?x", "*", "",
        "h/p", "mailto:x@y",
    ]

    @Test(arguments: targets)
    func aRequestHeadConvertsAsTheCodecConvertsIt(target: String) throws {
        for method in [HTTPMethod.GET, .POST, .DELETE, .RAW(value: "PROPFIND")] {
            var headers = HTTPHeaders([("Host", "127.0.0.1:4502"), ("Cookie", "a=1; b=2"), ("X-A", "1"), ("x-a", "2")])
            if method == .DELETE { headers = HTTPHeaders() }
            let head = HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers)
            let expected = try HTTPRequest(head, secure: false, splitCookie: false)
            let converted = try SandboxHTTPRequestConversion.request(head)
            #expect(converted == expected, "\(method) \(target)")
            #expect(converted.path == expected.path)
        }
    }
}
