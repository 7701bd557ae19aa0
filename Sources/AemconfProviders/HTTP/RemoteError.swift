import Foundation

/// What a service said about a failure: its error code, message and request id.
///
/// Parsed from the shapes the contracts document: IMS `{error, error_description}`, Target
/// `{httpStatus, requestId, errors:[{errorCode, message}]}`, adobe.io gateway `{error_code, message}`,
/// Sling `{status.message, error:{class, message}}`, or a short plain-text body.
public struct RemoteError: Sendable, Equatable {
    /// The remote error code, e.g. `invalid_client` or `ERR_MSG_DUPLICATE_NAME`.
    public var code: String?
    /// The remote message, shortened and scrubbed of known secrets.
    public var message: String?
    /// The request id from the headers or the body.
    public var requestID: String?

    /// Creates a remote error.
    public init(code: String? = nil, message: String? = nil, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// The longest remote message kept.
    static let maximumMessageLength = 200

    /// Parses a response; returns `nil` when there is nothing useful to say.
    public static func parse(_ response: ServiceResponse, redactor: SecretRedactor) -> RemoteError? {
        var code: String?
        var message: String?
        var requestID = response.requestID
        if let object = try? JSONSerialization.jsonObject(with: Data(response.body), options: [.fragmentsAllowed]) {
            if let dictionary = object as? [String: Any] {
                code = string(dictionary["error_code"]) ?? string(dictionary["errorCode"]) ?? string(dictionary["code"])
                if code == nil, let error = dictionary["error"] as? String { code = error }
                message =
                    string(dictionary["error_description"]) ?? string(dictionary["message"])
                    ?? string(dictionary["status.message"]) ?? string(dictionary["reason"])
                if let errors = dictionary["errors"] as? [[String: Any]], let first = errors.first {
                    code = code ?? string(first["errorCode"]) ?? string(first["code"])
                    message = message ?? string(first["message"])
                }
                if let nested = dictionary["error"] as? [String: Any] {
                    code = code ?? string(nested["code"])
                    message = message ?? string(nested["message"])
                }
                if requestID == nil { requestID = string(dictionary["requestId"]) ?? string(dictionary["request_id"]) }
            } else if let text = object as? String {
                message = text
            }
        } else if looksLikeMarkup(response.body) {
            message = markupMessage(response.body, redactor: redactor)
        } else if !response.body.isEmpty {
            // The whole first line, scrubbed before it is shortened: a cut must never split a secret.
            let text = redactor.scrub(String(decoding: response.body, as: UTF8.self))
            message = text.split(whereSeparator: \.isNewline).first.map(String.init)
        }
        if let candidate = message, code == nil, isErrorCodeLike(candidate) {
            code = candidate
            message = nil
        }
        // Scrub first, then shorten (a secret straddling the cut would survive in part otherwise).
        message = message.map { shorten(redactor.scrub($0)) }
        code = code.map { shorten(redactor.scrub($0)) }
        if code == nil, message == nil, requestID == nil { return nil }
        return RemoteError(code: code, message: message, requestID: requestID)
    }

    private static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: text.isEmpty ? nil : text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    private static func looksLikeMarkup(_ body: [UInt8]) -> Bool {
        body.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") })
            == UInt8(ascii: "<")
    }

    /// The text of a Sling/Apache error page: `<div id="Message">`, else the first `<p>`, else the `<title>`.
    private static func markupMessage(_ body: [UInt8], redactor: SecretRedactor) -> String? {
        let html = redactor.scrub(String(decoding: body, as: UTF8.self))
        for pattern in [#"<div id="Message">(.*?)</div>"#, #"<p>(.*?)</p>"#, #"<title>(.*?)</title>"#] {
            guard let range = html.range(of: pattern, options: [.regularExpression, .caseInsensitive]) else { continue }
            let text = String(html[range])
                .replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, Int(text.filter { !$0.isWhitespace }) == nil { return text }
        }
        return nil
    }

    private static func isErrorCodeLike(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.allSatisfy { $0.isUppercase || $0.isNumber || $0 == "_" || $0 == "." }
    }

    private static func shorten(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        guard flat.count > maximumMessageLength else { return flat }
        return String(flat.prefix(maximumMessageLength)) + "…"
    }
}
