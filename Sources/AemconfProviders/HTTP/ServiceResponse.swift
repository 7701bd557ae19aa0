import AemconfModel
import Foundation

/// A response as a value: status, headers, body bytes and the request id the service reported.
public struct ServiceResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers.
    public var headers: HeaderFields
    /// The whole body.
    public var body: [UInt8]

    /// Creates a response value.
    public init(status: Int, headers: HeaderFields = HeaderFields(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Header names that carry a request id, in order of preference.
    public static let requestIDHeaders = ["x-request-id", "x-adobe-request-id", "x-correlation-id"]

    /// The request id from the response headers, if the service sent one.
    public var requestID: String? {
        for name in Self.requestIDHeaders {
            if let value = headers.first(name: name), !value.isEmpty { return value }
        }
        return nil
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Decodes the body as JSON.
    ///
    /// A ``JSONValue`` is read by ``JSONValue/parse(_:)`` (`JSONDecoder` can only try each type in turn).
    public func decode<T: Decodable>(_ type: T.Type, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        if T.self == JSONValue.self, let value = try JSONValue.parse(body) as? T { return value }
        return try decoder.decode(T.self, from: Data(body))
    }
}
