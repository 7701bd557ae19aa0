import AemconfTestSupport
import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import AemconfSandbox

/// The sandbox's own HTTP server (`SandboxHTTPServer`): keep-alive and pipelining, `Connection: close`, the headers
/// every answer carries, errors as answers, and shutdown with connections open.
@Suite struct SandboxHTTPServerTests {
    @Test func pipelinedRequestsOnOneConnectionAreAnsweredInOrderAndCloseIsHonoured() async throws {
        let harness = try await SandboxHarness.start()
        let host = "Host: 127.0.0.1\r\n"
        // Three requests in one write: two keep the connection, the last one closes it. Refusals between them
        // (AEM answers 401 without credentials) must not end the connection.
        let bytes = Data(
            ("GET /_sandbox/clock HTTP/1.1\r\n\(host)\r\n"
                + "GET /content.json HTTP/1.1\r\n\(host)\r\n"
                + "GET /libs/granite/csrf/token.json HTTP/1.1\r\n\(host)Connection: close\r\n\r\n").utf8)
        let answers = try await harness.exchange(.aem, bytes: bytes)
        try await harness.stop()

        #expect(answers.map(\.status) == [200, 401, 401])
        #expect(answers[0].jsonObject?["now"] != nil)
        for answer in answers {
            #expect(Int(answer.header("content-length") ?? "") == answer.body.count)
            #expect(answer.header("date")?.hasSuffix(" GMT") == true)
        }
        #expect(answers.last?.header("connection") == "close")
    }

    @Test func aPostBodyArrivingInPiecesReachesTheHandlerWhole() async throws {
        let harness = try await SandboxHarness.start()
        let token = try await harness.request(
            .ims, "POST", "/ims/token/v3",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data(String(repeating: "x", count: 200_000).utf8))
        try await harness.stop()
        // 200 KB cannot arrive in one read: the IMS handler still sees one (invalid) form and answers it.
        #expect(token.status == 400)
        #expect(token.text.contains("error"))
    }

    @Test func aBodyOverTheLimitIsAnswered413AndTheConnectionClosed() async throws {
        let state = SandboxSeed.defaultState()
        let runtime = SandboxRuntime(
            store: SandboxStore(state: state), requestLog: SandboxRequestLog(capacity: 10),
            faults: SandboxFaultInjector(), initialState: state, initialSettings: SandboxSettings())
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let (ports, bound) = AsyncStream.makeStream(of: Int.self)
        var server = SandboxHTTPServer(
            host: "127.0.0.1", port: 0,
            responder: SandboxApplicationBuilder.router(for: .aem, runtime: runtime).buildResponder(), logger: logger,
            onServerRunning: { bound.yield($0) })
        server.maximumBodySize = 1_024
        let group = ServiceGroup(configuration: .init(services: [server], logger: logger))
        let running = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let base = "http://127.0.0.1:\(port)"
        let post = { (size: Int) in
            try await SandboxHarness.request(
                base: base, "POST", "/_sandbox/clock", headers: ["Content-Type": "application/json"],
                body: Data(repeating: UInt8(ascii: " "), count: size))
        }
        let tooLarge = try await post(1_025)
        let atTheLimit = try await post(1_024)
        await group.triggerGracefulShutdown()
        try await running.value

        #expect(tooLarge.status == 413)
        #expect(tooLarge.header("connection") == "close")
        // A body at the limit reaches the route (which refuses blank JSON itself).
        #expect(atTheLimit.status != 413)
    }

    @Test func shutdownClosesIdleKeepAliveConnectionsAndReturns() async throws {
        let harness = try await SandboxHarness.start()
        let port = try #require(UInt16(harness.baseURL(.aem).split(separator: ":").last ?? ""))
        // A keep-alive connection left open and idle must not hold the shutdown.
        let idle = try IdleConnection(port: port)
        try idle.send("GET /_sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try idle.readSome().hasPrefix("HTTP/1.1 200"))
        try await harness.stop()
        #expect(try idle.readSome().isEmpty)
    }
}

/// A blocking loopback connection a test keeps open.
private final class IdleConnection {
    private let descriptor: Int32

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(descriptor, bytes, bytes.count, 0) == bytes.count else { throw POSIXError(.EIO) }
    }

    /// What one read returns: "" once the server closed the connection.
    func readSome() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIXError(.ETIMEDOUT) }
            return String(decoding: buffer[0..<count], as: UTF8.self)
        }
    }
}
