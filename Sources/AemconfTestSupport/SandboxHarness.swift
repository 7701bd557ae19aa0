import AemconfSandbox
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An in-process sandbox on four ephemeral loopback ports, plus raw HTTP helpers for tests.
///
/// ```swift
/// let harness = try await SandboxHarness.start()
/// defer { Task { try? await harness.stop() } }
/// let response = try await harness.request(.aem, "GET", "/libs/granite/csrf/token.json",
///                                          headers: harness.aemAdminHeaders)
/// ```
/// Requests go over plain sockets (one connection each, `Connection: close`): redirects are never
/// followed, cookies never stored, 401 challenges never answered, so tests see exactly what the
/// sandbox answered.
public final class SandboxHarness: Sendable {
    /// One raw answer.
    public struct Response: Sendable {
        /// HTTP status.
        public var status: Int
        /// Headers, names lower-cased.
        public var headers: [String: String]
        /// Body bytes.
        public var body: Data

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }

        /// The body parsed as a JSON object, if it is one.
        public var jsonObject: [String: Any]? {
            (try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])) as? [String: Any]
        }

        /// The body parsed as any JSON value.
        public var json: Any? {
            try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        }

        /// A header by (case-insensitive) name.
        public func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// The running sandbox.
    public let sandbox: RunningSandbox
    private init(sandbox: RunningSandbox) {
        self.sandbox = sandbox
    }

    /// Starts a sandbox with `configuration` (port 0 is forced so parallel tests never collide).
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration()) async throws
        -> SandboxHarness
    {
        var configuration = configuration
        configuration.port = 0
        configuration.host = "127.0.0.1"
        return SandboxHarness(sandbox: try await Sandbox.start(configuration))
    }

    /// Stops the sandbox.
    public func stop() async throws {
        try await sandbox.shutdown()
    }

    /// The base URL of `service`.
    public func baseURL(_ service: SandboxService) -> String {
        sandbox.endpoints.url(for: service)
    }

    /// `Authorization: Basic` of the seeded AEM admin.
    public var aemAdminHeaders: [String: String] {
        let credentials = sandbox.credentials
        return ["Authorization": Self.basic(credentials.aemUsername, credentials.aemPassword)]
    }

    /// `Basic base64(user:password)`.
    public static func basic(_ user: String, _ password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// A fresh CSRF token for the AEM admin.
    public func aemCSRFToken() async throws -> String {
        let response = try await request(.aem, "GET", "/libs/granite/csrf/token.json", headers: aemAdminHeaders)
        guard response.status == 200, let token = response.jsonObject?["token"] as? String else {
            throw HarnessError(message: "no CSRF token: status \(response.status)")
        }
        return token
    }

    /// The admin headers plus a valid `CSRF-Token`.
    public func aemMutatingHeaders() async throws -> [String: String] {
        var headers = aemAdminHeaders
        headers["CSRF-Token"] = try await aemCSRFToken()
        return headers
    }

    /// Sends one raw request to `service`.
    public func request(
        _ service: SandboxService,
        _ method: String,
        _ pathAndQuery: String,
        headers: [String: String] = [:],
        body: Data? = nil
    ) async throws -> Response {
        try await Self.request(base: baseURL(service), method, pathAndQuery, headers: headers, body: body)
    }

    /// Sends one raw request to `base` (`http://127.0.0.1:PORT`), e.g. a sandbox in a child process.
    public static func request(
        base: String,
        _ method: String,
        _ pathAndQuery: String,
        headers: [String: String] = [:],
        body: Data? = nil
    ) async throws -> Response {
        guard let port = UInt16(base.split(separator: ":").last ?? "") else {
            throw HarnessError(message: "bad base URL '\(base)'")
        }
        // A `Host` in `headers` replaces the loopback one (tests of the admin API's Host check).
        let host = headers.first { $0.key.lowercased() == "host" }?.value ?? "127.0.0.1:\(port)"
        var head = "\(method) \(pathAndQuery) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n"
        for (name, value) in headers where name.lowercased() != "host" { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body?.count ?? 0)\r\n\r\n"
        var bytes = Data(head.utf8)
        if let body { bytes.append(body) }
        let raw = try await RawHTTP.exchange(port: port, request: bytes)
        return try RawHTTP.parse(raw)
    }

    /// Writes `bytes` to `service` exactly as given (several pipelined requests, say) and returns every answer read
    /// until the server closes the connection, in order.
    public func exchange(_ service: SandboxService, bytes: Data) async throws -> [Response] {
        guard let port = UInt16(baseURL(service).split(separator: ":").last ?? "") else {
            throw HarnessError(message: "bad base URL '\(baseURL(service))'")
        }
        return try RawHTTP.parseAll(try await RawHTTP.exchange(port: port, request: bytes))
    }

    /// Sends an `application/x-www-form-urlencoded` POST of `fields` (order kept, names repeatable).
    public func postForm(
        _ service: SandboxService,
        _ path: String,
        fields: [(String, String)],
        headers: [String: String] = [:]
    ) async throws -> Response {
        var all = headers
        all["Content-Type"] = "application/x-www-form-urlencoded"
        return try await request(service, "POST", path, headers: all, body: Data(Self.urlEncoded(fields).utf8))
    }

    /// One multipart part: a text field, or a file when `filename` is set.
    public struct Part: Sendable {
        /// Field name.
        public var name: String
        /// Contents.
        public var data: Data
        /// File name for a file part.
        public var filename: String?

        /// A text field.
        public static func field(_ name: String, _ value: String) -> Part {
            Part(name: name, data: Data(value.utf8), filename: nil)
        }

        /// A file field.
        public static func file(_ name: String, filename: String, _ data: Data) -> Part {
            Part(name: name, data: data, filename: filename)
        }
    }

    /// Sends a `multipart/form-data` POST of `parts`.
    public func postMultipart(
        _ service: SandboxService,
        _ path: String,
        parts: [Part],
        headers: [String: String] = [:]
    ) async throws -> Response {
        let boundary = "----sandbox-harness-\(UUID().uuidString)"
        var body = Data()
        for part in parts {
            body.append(Data("--\(boundary)\r\n".utf8))
            if let filename = part.filename {
                body.append(
                    Data("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(filename)\"\r\n".utf8))
                body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
            } else {
                body.append(Data("Content-Disposition: form-data; name=\"\(part.name)\"\r\n\r\n".utf8))
            }
            body.append(part.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        var all = headers
        all["Content-Type"] = "multipart/form-data; boundary=\(boundary)"
        return try await request(service, "POST", path, headers: all, body: body)
    }

    /// `a=1&b=2` with percent-encoding.
    public static func urlEncoded(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        func encode(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
        return fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// A failure of the harness itself (not of the sandbox under test).
    public struct HarnessError: Error, CustomStringConvertible {
        /// What went wrong.
        public var message: String
        /// The message.
        public var description: String { message }
    }
}
