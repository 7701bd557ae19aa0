import HTTPTypes
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// A request head of NIO's HTTP/1 types as a swift-http-types request, as `HTTP1ToHTTPServerCodec(secure: false)`
/// converts it.
///
/// The codec parses every request target with `URLComponents`, only to find the path of an absolute-form target
/// (`http://host/path`); a target starting with `/` (origin form, every request of aemconf) can have no scheme and is
/// the path as it is. Parsing it was about 1 % of the sandbox's CPU in an apply.
enum SandboxHTTPRequestConversion {
    static func request(_ head: HTTPRequestHead) throws -> HTTPRequest {
        guard head.uri.utf8.first == UInt8(ascii: "/") else {
            return try HTTPRequest(head, secure: false, splitCookie: false)
        }
        return HTTPRequest(
            method: try HTTPRequest.Method(head.method), scheme: "http", authority: head.headers["Host"].first,
            path: head.uri, headerFields: HTTPFields(head.headers, splitCookie: false))
    }
}
