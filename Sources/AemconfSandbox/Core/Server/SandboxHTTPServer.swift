import Hummingbird
import Logging
import NIOCore
import NIOExtras
import NIOHTTP1
import NIOHTTPTypesHTTP1
import NIOPosix
import ServiceLifecycle

/// One service's HTTP/1.1 server: NIO's HTTP pipeline on the sandbox's event loop, answering through the service's
/// Hummingbird router (``SandboxHTTPHandler``). Runs until graceful shutdown, then closes idle connections and those
/// in use once their answer is written, and returns when all are closed.
struct SandboxHTTPServer: Service {
    let host: String
    let port: Int
    let responder: RouterResponder<SandboxRequestContext>
    let logger: Logger
    /// Called with the bound port once the server listens.
    let onServerRunning: @Sendable (Int) async -> Void
    /// The largest request body accepted; a larger one is answered 413 and the connection closed.
    var maximumBodySize = SandboxHTTPHandler.maximumBodySize

    func run() async throws {
        let group = SandboxEventLoop.group
        let quiescing = ServerQuiescingHelper(group: group)
        let (responder, logger, maximumBodySize) = (self.responder, self.logger, self.maximumBodySize)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(
                        quiescing.makeServerChannelHandler(channel: channel))
                }
            }
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let pipeline = channel.pipeline.syncOperations
                    try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
                    try pipeline.addHandler(SandboxReadAheadHandler(), position: .first)
                    try pipeline.addHandler(
                        SandboxHTTPHandler(responder: responder, logger: logger, maximumBodySize: maximumBodySize))
                }
            }
            .bind(host: host, port: port)
            .get()
        await onServerRunning(channel.localAddress?.port ?? port)
        // Until graceful shutdown (or cancellation), then quiesce.
        try? await gracefulShutdown()
        let closed = channel.eventLoop.makePromise(of: Void.self)
        quiescing.initiateShutdown(promise: closed)
        try await closed.futureResult.get()
    }
}
