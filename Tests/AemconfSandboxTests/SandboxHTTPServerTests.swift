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

    @Test func theDateHeaderIsAnIMFFixdate() {
        // RFC 9110 §5.6.7's example, and a single-digit day.
        #expect(SandboxHTTPDate.text(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(SandboxHTTPDate.text(1_798_761_599) == "Thu, 31 Dec 2026 23:59:59 GMT")
        #expect(SandboxHTTPDate.text(1_767_225_600) == "Thu, 01 Jan 2026 00:00:00 GMT")
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
        let idle = try LoopbackConnection(port: port, receiveTimeoutSeconds: 30)
        try idle.send("GET /_sandbox/clock HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        #expect(String(decoding: try idle.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        try await harness.stop()
        #expect(try idle.receive().isEmpty)
    }
}
