import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A malicious "PostgreSQL server" on a loopback port: it declines TLS (`N`), asks for a clear-text password, and
/// records every byte the client sends. One connection, then it stops.
final class FakePostgresServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(listener, 1) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Everything the client sent, once it hung up (or after `timeout`); the wait happens off the cooperative pool.
    func received(timeout: Double = 10) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                _ = self.done.wait(timeout: .now() + timeout)
                self.lock.lock()
                defer { self.lock.unlock() }
                continuation.resume(returning: self.bytes)
            }
        }
    }

    private func serve() {
        defer {
            close(listener)
            done.signal()
        }
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        defer { close(client) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        var messages = 0
        while true {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            lock.lock()
            bytes += buffer[..<count]
            lock.unlock()
            messages += 1
            // SSLRequest: decline. StartupMessage: ask for a clear-text password (AuthenticationCleartextPassword).
            let isSSLRequest = count >= 8 && Array(buffer[4..<8]) == [0x04, 0xD2, 0x16, 0x2F]
            let reply: [UInt8] = isSSLRequest ? [UInt8(ascii: "N")] : [UInt8(ascii: "R"), 0, 0, 0, 8, 0, 0, 0, 3]
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if messages > 4 { return }
        }
    }
}
