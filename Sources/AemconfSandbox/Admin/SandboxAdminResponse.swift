import Foundation
import Hummingbird

/// JSON answers and request bodies of the admin API.
enum SandboxAdminResponse {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        raw(try encoder.encode(value), status: status)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func ok() -> Response {
        raw(Data(#"{"ok":true}"#.utf8))
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        let body = (try? encoder.encode(["error": code, "message": message])) ?? Data()
        return raw(body, status: status)
    }

    static func unknownSlice(_ name: String) -> Response {
        error(.notFound, "unknown-slice", "unknown state slice '\(name)'; expected aem, ims, console or target")
    }

    static func body(_ request: Request, context: SandboxRequestContext) async throws -> Data {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return Data(buffer: buffer)
    }
}

/// `GET /_sandbox/info`.
struct SandboxAdminInfo: Encodable {
    var endpoints: SandboxEndpoints?
    var credentials: SandboxCredentials
    var settings: SandboxSettings
    var aemServicePack: Int
    var aemIMSHotfix: Bool
}

/// `GET /_sandbox/clock`.
struct SandboxAdminClock: Encodable {
    var now: Date
    var fixed: Bool
}

/// `PUT /_sandbox/clock`.
struct SandboxAdminClockChange: Decodable {
    var now: Date?
    var advanceSeconds: Double?
}
