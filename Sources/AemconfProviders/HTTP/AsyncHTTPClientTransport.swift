import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: one shared async-http-client `HTTPClient` per run.
///
/// TLS certificates are verified unless the run was started with `--insecure-skip-tls-verify`,
/// which is logged as a warning when the transport is created. Redirects are never followed
/// (AEM's login answers 302 with the cookie aemconf needs).
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// Options for the shared client.
    public struct Configuration: Sendable {
        /// Connect timeout.
        public var connectTimeout: Duration
        /// Read timeout (time without receiving bytes).
        public var readTimeout: Duration
        /// Skips TLS certificate verification; for labs only.
        public var insecureSkipTLSVerify: Bool
        /// The largest response body accepted.
        public var maximumBodySize: Int

        /// Creates options with safe defaults.
        public init(
            connectTimeout: Duration = .seconds(10),
            readTimeout: Duration = .seconds(60),
            insecureSkipTLSVerify: Bool = false,
            maximumBodySize: Int = 64 * 1024 * 1024
        ) {
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.maximumBodySize = maximumBodySize
        }
    }

    private let client: HTTPClient
    private let configuration: Configuration

    /// The one event-loop thread every transport of the process shares (never shut down, like NIO's singleton).
    ///
    /// aemconf's requests mostly wait on the network, and the work around them runs on Swift's pool. A second loop
    /// thread (NIO's singleton has one per core) only spread the connections over two threads that each woke for
    /// every answer: in the engine benchmark one thread cut aemconf's CPU per stack by about 0.2 ms (7 %) and its
    /// context switches per request from 4.3 to 3.5, and the floor of bare round trips did not move.
    private static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// Creates the shared client; call ``shutdown()`` when the run ends.
    public init(configuration: Configuration = Configuration(), logger: Logger) {
        self.configuration = configuration
        let timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(configuration.connectTimeout.components.seconds * 1_000_000_000),
            read: .nanoseconds(configuration.readTimeout.components.seconds * 1_000_000_000)
        )
        if configuration.insecureSkipTLSVerify {
            logger.warning(
                "TLS certificate verification is disabled (--insecure-skip-tls-verify); use this only in a lab"
            )
        }
        var httpConfiguration = HTTPClient.Configuration(
            certificateVerification: configuration.insecureSkipTLSVerify ? .none : .fullVerification,
            redirectConfiguration: .disallow,
            timeout: timeout,
            maximumAllowedIdleTimeInConnectionPool: .seconds(60),
            decompression: .enabled(limit: .ratio(50))
        )
        // No tracing: aemconf bootstraps no tracer, and the default no-op one still built a span and its attributes
        // for every request (a few per cent of an apply's CPU).
        httpConfiguration.tracing.tracer = nil
        self.client = HTTPClient(eventLoopGroup: Self.eventLoops, configuration: httpConfiguration)
    }

    /// Shuts the client down; no request may follow.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends the request with async-http-client.
    public func execute(_ request: TransportRequest) async throws -> ServiceResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.rawValue)
        outgoing.headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        if let body = request.body { outgoing.body = .bytes(body) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(
                outgoing,
                timeout: .seconds(
                    configuration.readTimeout.components.seconds + configuration.connectTimeout.components.seconds))
        } catch let error as HTTPClientError {
            if Self.isCertificateFailure(error) {
                throw TransportError.certificateRejected(host: Self.host(of: request.url))
            }
            if error == .connectTimeout || error == .invalidURL || error == .emptyScheme {
                throw TransportError.connectFailed(error.shortDescription)
            }
            throw TransportError.connectionLost(error.shortDescription)
        } catch {
            if Self.isCertificateFailure(error) {
                throw TransportError.certificateRejected(host: Self.host(of: request.url))
            }
            throw Self.classify(error)
        }
        do {
            let body = try await response.body.collect(upTo: configuration.maximumBodySize)
            let headers = HeaderFields(response.headers.map { ($0.name, $0.value) })
            return ServiceResponse(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
        } catch {
            throw TransportError.connectionLost("response body could not be read")
        }
    }

    /// Whether `error` is a TLS certificate verification failure (NIOSSL's handshake failure with
    /// `CERTIFICATE_VERIFY_FAILED`, a host-name mismatch, or an untrusted chain).
    static func isCertificateFailure(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        let markers = [
            "CERTIFICATE_VERIFY_FAILED", "failedToValidateHostname", "certificate verify failed",
            "unableToValidateCertificate",
            "invalidCertificate", "CERT_", "self-signed certificate", "self signed certificate",
        ]
        return markers.contains { text.localizedCaseInsensitiveContains($0) }
    }

    /// The host of `url`, for messages.
    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return "the server" }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last.map(String.init) ?? String(authority)
        if hostPort.hasPrefix("["), let end = hostPort.firstIndex(of: "]") {
            return String(hostPort[hostPort.index(after: hostPort.startIndex)..<end])
        }
        return String(hostPort.prefix { $0 != ":" })
    }

    /// Connection-refused style errors happen before anything is sent; everything else is ambiguous.
    private static func classify(_ error: any Error) -> TransportError {
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOConnectionError") || "\(error)".contains("connectionRefused")
            || "\(error)".contains("Connection refused")
        {
            return .connectFailed("connection refused")
        }
        return .connectionLost("connection error")
    }
}
