import NIOCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thrown by the fault middleware after it dropped the connection on purpose; no answer follows.
struct SandboxConnectionDropped: Error, Sendable {
    /// `reset`, `close` or `crash`, as recorded in the request log.
    let fault: String

    /// Drops `channel`: with `reset` (RST, via `SO_LINGER` 0) or a plain close (FIN).
    static func drop(_ channel: any Channel, reset: Bool) async {
        if reset, let provider = channel as? any SocketOptionProvider {
            try? await provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
