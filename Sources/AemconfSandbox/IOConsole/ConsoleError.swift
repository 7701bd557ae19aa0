/// A Developer Console error: HTTP status and the body `{"error_code", "message"}` (assumption
/// `consoleErrorBody`; the documented strings are `ERR_MSG_DUPLICATE_NAME`, `ERR_MSG_QUOTA_EXCEEDED` and
/// "Only one workspace allowed for project type default", adobe-io-console.md).
public struct ConsoleError: Error, Sendable, Equatable {
    /// HTTP status.
    public var status: Int
    /// `error_code`.
    public var code: String
    /// `message`.
    public var message: String

    /// Creates an error.
    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    static func badRequest(_ message: String) -> ConsoleError {
        ConsoleError(status: 400, code: "ERR_MSG_BAD_REQUEST", message: message)
    }

    static func notFound(_ message: String) -> ConsoleError {
        ConsoleError(status: 404, code: "ERR_MSG_NOT_FOUND", message: message)
    }

    static func forbidden(_ message: String) -> ConsoleError {
        ConsoleError(status: 403, code: "ERR_MSG_FORBIDDEN", message: message)
    }

    static func duplicateName(_ name: String) -> ConsoleError {
        ConsoleError(
            status: 409, code: "ERR_MSG_DUPLICATE_NAME", message: "a credential named '\(name)' already exists")
    }

    /// The JSON body.
    var body: [String: String] { ["error_code": code, "message": message] }
}
