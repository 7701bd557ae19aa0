import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP connection to `127.0.0.1:port`: what ``SandboxHarness``'s raw requests go over, and what a test
/// holds open to see what a server does with a connection (keep-alive, shutdown).
///
/// Calls interrupted by a signal (a child process of another test exiting: SIGCHLD) are resumed.
public final class LoopbackConnection {
    /// Why a connection could not be made or used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let descriptor: Int32

    /// Connects; reads time out after `receiveTimeoutSeconds`.
    public init(port: UInt16, receiveTimeoutSeconds: Int = 300) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        var timeout = timeval(tv_sec: receiveTimeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                systemConnect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw Failure(description: "connection to port \(port) refused")
        }
    }

    deinit { close(descriptor) }

    /// Writes all of `bytes`.
    public func send(_ bytes: some Collection<UInt8>) throws {
        let bytes = Array(bytes)
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = systemSend(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, 0)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { throw Failure(description: "send failed: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
    }

    /// What one read returns: empty once the server closed the connection.
    public func receive() throws -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if received < 0, errno == EINTR { continue }
            guard received >= 0 else {
                throw Failure(description: "connection reset or timed out: \(String(cString: strerror(errno)))")
            }
            return Array(chunk[0..<received])
        }
    }

    /// Everything read until the server closes the connection.
    public func receiveUntilClosed() throws -> [UInt8] {
        var all: [UInt8] = []
        while true {
            let part = try receive()
            if part.isEmpty { return all }
            all.append(contentsOf: part)
        }
    }
}

private func systemSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int, _ flags: Int32) -> Int {
    send(descriptor, bytes, count, flags)
}

private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    let result = connect(descriptor, address, length)
    // Interrupted by a signal, the connection goes on being made: wait for it to be writable.
    guard result != 0, errno == EINTR else { return result }
    var poller = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
    while poll(&poller, 1, 60_000) < 0, errno == EINTR {}
    var error: Int32 = 0
    var size = socklen_t(MemoryLayout<Int32>.size)
    getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &error, &size)
    return error == 0 ? 0 : -1
}
