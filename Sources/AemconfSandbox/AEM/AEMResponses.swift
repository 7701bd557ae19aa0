import Foundation
import Hummingbird

/// Answers shaped like AEM's: Sling's HTML status pages, JSON bodies, the Basic challenge.
enum AEMResponses {
    static func json(_ value: AEMJSONWriter.Value, status: HTTPResponse.Status = .ok, tidy: Bool = false) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json;charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: AEMJSONWriter.bytes(value, tidy: tidy)))
        )
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    static func binary(_ data: Data, contentType: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// Sling's default error page for `status` (what `response.sendError` renders).
    static func errorPage(_ status: HTTPResponse.Status, message: String) -> Response {
        let title = "\(status.code) \(status.reasonPhrase)"
        let body = """
            <html><head><title>\(title)</title></head><body><h1>\(escape(status.reasonPhrase)) (\(status.code))</h1>\
            <p>\(escape(message))</p><hr><address>Apache Sling (sandbox)</address></body></html>
            """
        return text(body, status: status, contentType: "text/html;charset=utf-8")
    }

    /// `401` with Sling's Basic challenge (aem.md §0.1).
    static func unauthorized() -> Response {
        var response = errorPage(.unauthorized, message: "authentication required")
        response.headers[.wwwAuthenticate] = "Basic realm=\"\(SandboxAssumptions.aemBasicRealm)\""
        return response
    }

    static func notFound(_ path: String) -> Response {
        errorPage(.notFound, message: "resource at '\(path)' not found")
    }

    static func escape(_ text: String) -> String {
        // Text without any of the four characters (most paths and messages) has nothing to replace.
        let special: [UInt8] = [UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\"")]
        guard text.utf8.contains(where: special.contains) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
