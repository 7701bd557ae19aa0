import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Answers the requests of one connection through a service's router: collects each request whole, runs the router
/// in a task on the sandbox's event loop, and writes the answer in one flush.
///
/// Hummingbird's own server reads and writes through async sequences, so each request part and each write was a
/// hop between the event loop and the task running the handler; here a request costs one task and no hop.
///
/// It reads and writes NIO's HTTP/1 parts and converts them itself (``SandboxHTTPRequestConversion``), as
/// `HTTP1ToHTTPServerCodec` did.
final class SandboxHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// The largest request body accepted by default (admin seeds can be large); a larger one is answered 413.
    static let maximumBodySize = 512 * 1024 * 1024

    private let responder: RouterResponder<SandboxRequestContext>
    private let logger: Logger
    private let maximumBodySize: Int
    private var head: HTTPRequest?
    private var body: ByteBuffer?
    private var bodyTooLarge = false

    init(responder: RouterResponder<SandboxRequestContext>, logger: Logger, maximumBodySize: Int) {
        self.responder = responder
        self.logger = logger
        self.maximumBodySize = maximumBodySize
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            do {
                self.head = try SandboxHTTPRequestConversion.request(head)
            } catch {
                self.head = nil
                context.fireErrorCaught(error)
            }
            body = nil
            bodyTooLarge = false
        case .body(var part):
            guard !bodyTooLarge else { return }
            if (body?.readableBytes ?? 0) + part.readableBytes > maximumBodySize {
                bodyTooLarge = true
                body = nil
            } else if body == nil {
                body = part
            } else {
                body?.writeBuffer(&part)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let closes = head.headerFields[.connection]?.lowercased().contains("close") ?? false
            if bodyTooLarge {
                write(HTTPResponse(status: .contentTooLarge), body: ByteBuffer(), head: head, closes: true, context)
                return
            }
            respond(to: Request(head: head, body: RequestBody(buffer: body ?? ByteBuffer())), closes: closes, context)
            body = nil
        }
    }

    private func respond(to request: Request, closes: Bool, _ context: ChannelHandlerContext) {
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let work = Answering(
            request: request, closes: closes, responder: responder, channel: context.channel, logger: logger,
            bound: bound)
        Task(executorPreference: SandboxEventLoop.taskExecutor) { await work.run() }
    }

    /// One request's answer: the router runs in a task, the answer is written on the channel's event loop.
    private struct Answering: Sendable {
        let request: Request
        let closes: Bool
        let responder: RouterResponder<SandboxRequestContext>
        let channel: any Channel
        let logger: Logger
        let bound: NIOLoopBound<(SandboxHTTPHandler, ChannelHandlerContext)>

        func run() async {
            guard
                let answer = await SandboxHTTPHandler.answer(
                    request, responder: responder, channel: channel, logger: logger)
            else { return }
            if channel.eventLoop.inEventLoop {
                write(answer)
            } else {
                channel.eventLoop.execute { write(answer) }
            }
        }

        private func write(_ answer: (head: HTTPResponse, body: ByteBuffer)) {
            let (handler, context) = bound.value
            handler.write(answer.head, body: answer.body, head: request.head, closes: closes, context)
        }
    }

    /// The router's answer with its body collected; `nil` when the handler dropped the connection (a fault).
    fileprivate static func answer(
        _ request: Request, responder: RouterResponder<SandboxRequestContext>, channel: any Channel, logger: Logger
    ) async -> (head: HTTPResponse, body: ByteBuffer)? {
        let context = SandboxRequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        var response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch is SandboxConnectionDropped {
            return nil
        } catch {
            logger.debug("sandbox handler failed", metadata: ["error": "\(error)"])
            response = Response(status: .internalServerError)
        }
        let collector = SandboxResponseBodyCollector()
        do {
            try await response.body.write(collector)
        } catch {
            return (HTTPResponse(status: .internalServerError), ByteBuffer())
        }
        return (response.head, collector.buffer)
    }

    fileprivate func write(
        _ response: HTTPResponse, body: ByteBuffer, head request: HTTPRequest, closes: Bool,
        _ context: ChannelHandlerContext
    ) {
        guard context.channel.isActive else { return }
        var response = response
        response.headerFields[.transferEncoding] = nil
        response.headerFields[.contentLength] = String(body.readableBytes)
        response.headerFields[.date] = SandboxHTTPDate.now()
        if closes { response.headerFields[.connection] = "close" }
        context.write(wrapOutboundOut(.head(HTTPResponseHead(response))), promise: nil)
        if request.method != .head, body.readableBytes > 0 {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        if closes {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        } else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}

/// Collects a response body into one buffer (the sandbox's answers are small, or whole dumps it builds in memory).
final class SandboxResponseBodyCollector: ResponseBodyWriter, @unchecked Sendable {
    private(set) var buffer = ByteBuffer()

    func write(_ part: ByteBuffer) async throws {
        if buffer.readableBytes == 0 {
            buffer = part
        } else {
            var part = part
            buffer.writeBuffer(&part)
        }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// The `Date` header's value (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`), formatted once per second.
enum SandboxHTTPDate {
    private static let cache = NIOLockedValueBox<(second: Int, text: String)>((-1, ""))
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }()

    /// Now's value.
    static func now() -> String {
        let second = Int(Date().timeIntervalSince1970)
        return cache.withLockedValue { cached in
            if cached.second != second { cached = (second, text(second)) }
            return cached.text
        }
    }

    /// The value for `second` since 1970 (called under the cache's lock: one formatter, used by one thread at a time).
    static func text(_ second: Int) -> String {
        formatter.string(from: Date(timeIntervalSince1970: TimeInterval(second)))
    }
}
