import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal HTTP/1.1 client on blocking loopback sockets: send one request, read until the server
/// closes, parse. Used by ``SandboxHarness`` so tests see exactly what the sandbox answered.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func exchange(port: UInt16, request: Data) async throws -> Data {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    continuation.resume(returning: try exchangeBlocking(port: port, request: request))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func exchangeBlocking(port: UInt16, request: Data) throws -> Data {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(descriptor) }
        var timeout = timeval(tv_sec: 300, tv_usec: 0)
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
        guard connected == 0 else { throw Failure(description: "connection to port \(port) refused") }
        try request.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, 0)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { throw Failure(description: "send failed: \(String(cString: strerror(errno)))") }
                offset += sent
            }
        }
        var response = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            // A signal (a child process of another test exiting: SIGCHLD) interrupts the call: read on.
            if received < 0, errno == EINTR { continue }
            if received < 0 {
                throw Failure(description: "connection reset or timed out: \(String(cString: strerror(errno)))")
            }
            if received == 0 { break }
            response.append(contentsOf: chunk[0..<received])
        }
        guard !response.isEmpty else { throw Failure(description: "connection closed without an answer") }
        return response
    }

    static func parse(_ raw: Data) throws -> SandboxHarness.Response {
        let bytes = [UInt8](raw)
        guard let end = find(bytes, [13, 10, 13, 10]) else { throw Failure(description: "no header end") }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { $0 + ", " + value } ?? value
        }
        var body = Data(bytes[(end + 4)...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            body = dechunk(body)
        } else if let length = headers["content-length"].flatMap(Int.init), length < body.count {
            body = body.prefix(length)
        }
        return SandboxHarness.Response(status: status, headers: headers, body: body)
    }

    /// Every answer in `raw`, one after the other; each must carry a `Content-Length`.
    static func parseAll(_ raw: Data) throws -> [SandboxHarness.Response] {
        var rest = [UInt8](raw)
        var answers: [SandboxHarness.Response] = []
        while !rest.isEmpty {
            guard let end = find(rest, [13, 10, 13, 10]) else { throw Failure(description: "no header end") }
            let answer = try parse(Data(rest))
            guard let length = answer.headers["content-length"].flatMap(Int.init), rest.count >= end + 4 + length
            else { throw Failure(description: "an answer without a complete Content-Length body") }
            answers.append(answer)
            rest.removeFirst(end + 4 + length)
        }
        return answers
    }

    private static func dechunk(_ data: Data) -> Data {
        var bytes = [UInt8](data)
        var result = Data()
        while let lineEnd = find(bytes, [13, 10]) {
            let sizeText = String(decoding: bytes[..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0,
                bytes.count >= lineEnd + 2 + size
            else { break }
            result.append(contentsOf: bytes[(lineEnd + 2)..<(lineEnd + 2 + size)])
            bytes.removeFirst(min(bytes.count, lineEnd + 2 + size + 2))
        }
        return result
    }

    private static func find(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }
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
