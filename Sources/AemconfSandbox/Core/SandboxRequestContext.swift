import Hummingbird
import NIOCore

/// The request context every sandbox route uses.
///
/// It keeps the connection's channel so fault injection can reset or close the connection, and it
/// raises the upload limit so large seeds (100,000 audiences) can be loaded through the admin API.
/// Route code should only name this type and read `request`/`context` as with `BasicRequestContext`.
public struct SandboxRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, endpoint path, parameters).
    public var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    public let channel: any Channel

    /// Creates a context for a request arriving on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// Largest request body a route may collect: 512 MiB (admin seeds can be large).
    public var maxUploadSize: Int { 512 * 1024 * 1024 }
}
