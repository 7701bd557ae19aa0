/// An HTTP request method (RFC 9110 §9). The clients' own type, so the public client API names no NIO type;
/// ``AsyncHTTPClientTransport`` converts at the edge.
public struct RequestMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The method token, e.g. `GET`.
    public let rawValue: String

    /// A method by its token.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public static let GET = RequestMethod(rawValue: "GET")
    public static let HEAD = RequestMethod(rawValue: "HEAD")
    public static let POST = RequestMethod(rawValue: "POST")
    public static let PUT = RequestMethod(rawValue: "PUT")
    public static let PATCH = RequestMethod(rawValue: "PATCH")
    public static let DELETE = RequestMethod(rawValue: "DELETE")
    public static let OPTIONS = RequestMethod(rawValue: "OPTIONS")

    /// The token.
    public var description: String { rawValue }
}
