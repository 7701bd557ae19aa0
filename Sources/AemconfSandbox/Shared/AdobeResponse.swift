import Foundation
import Hummingbird
import NIOCore

/// JSON answers of the emulated Adobe services (IMS, console, Target).
public enum AdobeResponse {
    /// A JSON response with `status`, encoding `body` (keys sorted, slashes unescaped).
    public static func json(
        _ body: some Encodable,
        status: HTTPResponse.Status = .ok,
        contentType: String = "application/json;charset=utf-8",
        headers extra: HTTPFields = [:]
    ) -> Response {
        raw(encode(body), status: status, contentType: contentType, headers: extra)
    }

    /// `body` as `JSONEncoder` writes it with sorted keys and unescaped slashes.
    static func encode(_ body: some Encodable) -> Data {
        if let bytes = directBytes(body) { return Data(bytes) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(body)) ?? Data("{}".utf8)
    }

    /// The same bytes as `JSONEncoder` would write, for the bodies that can be written without it.
    private static func directBytes(_ body: some Encodable) -> [UInt8]? {
        if let json = body as? SandboxJSON { return json.sortedJSONBytes() }
        if let value = body as? any SandboxJSONRepresentable { return value.json.sortedJSONBytes() }
        if let fields = body as? [String: String] {
            return SandboxJSON.object(fields.mapValues(SandboxJSON.string)).sortedJSONBytes()
        }
        return nil
    }

    /// A response with a pre-encoded body.
    public static func raw(
        _ data: Data,
        status: HTTPResponse.Status,
        contentType: String,
        headers extra: HTTPFields = [:]
    ) -> Response {
        var headers = extra
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The gateway's 401/403 answer.
    public static func gateway(_ rejection: AdobeGateway.Rejection) -> Response {
        json(rejection.body, status: HTTPResponse.Status(code: rejection.status))
    }

    /// The request body, collected up to `limit` bytes.
    public static func body(of request: Request, limit: Int = 64 * 1024 * 1024) async throws -> Data {
        var buffer = try await request.body.collect(upTo: limit)
        return buffer.readData(length: buffer.readableBytes) ?? Data()
    }
}
