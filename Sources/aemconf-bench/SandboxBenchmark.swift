import AemconfSandbox
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `aemconf-bench sandbox`: how many simple requests per second the sandbox answers over loopback
/// with Target throttling off. Starts an in-process sandbox on ephemeral ports and drives it with
/// keep-alive HTTP/1.1 connections on plain sockets (and with `wrk` too when it is installed).
struct SandboxBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Benchmark the sandbox's request throughput."
    )

    @Option(help: "Concurrent keep-alive connections.")
    var connections = 16

    @Option(help: "Seconds to run each measurement.")
    var seconds = 5.0

    @Option(
        help:
            "Which request to send: aem (GET /content.json with Basic auth), aem-csrf (GET the CSRF token), target (GET one page of audiences with a token), admin (GET /_sandbox/clock)."
    )
    var request = "aem"

    @Flag(help: "Skip wrk even when it is installed.")
    var noWrk = false

    func run() async throws {
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(settings: SandboxSettings(targetThrottling: false), requestLogCapacity: 1000)
        )
        let (service, path, headers) = try await target(for: sandbox)
        let base = sandbox.endpoints.url(for: service)
        guard let port = UInt16(base.split(separator: ":").last ?? "") else {
            throw ValidationError("cannot read the port of '\(base)'")
        }
        print(
            "sandbox benchmark: \(request) -> \(path) on \(base), \(connections) connections, \(seconds) s, 2-core loopback"
        )
        _ = SocketLoad.run(port: port, path: path, headers: headers, connections: connections, seconds: 0.5)
        let result = SocketLoad.run(
            port: port, path: path, headers: headers, connections: connections, seconds: seconds)
        print(
            String(
                format: "socket client: %d requests in %.2f s = %.0f requests/s (%d non-2xx, %d errors)",
                result.requests, result.elapsed, Double(result.requests) / result.elapsed, result.failures,
                result.errors))
        if !noWrk, let wrk = Self.findWrk() {
            print(
                "wrk: \(Self.runWrk(wrk, url: base + path, headers: headers, connections: connections, seconds: Int(seconds.rounded(.up))))"
            )
        } else if !noWrk {
            print("wrk: not installed (apt-get install -y wrk to get a second figure)")
        }
        try await sandbox.shutdown()
    }

    private func target(for sandbox: RunningSandbox) async throws -> (SandboxService, String, [String: String]) {
        let basic =
            "Basic "
            + Data("\(sandbox.credentials.aemUsername):\(sandbox.credentials.aemPassword)".utf8).base64EncodedString()
        switch request {
        case "aem":
            return (.aem, "/content.json", ["Authorization": basic])
        case "aem-csrf":
            return (.aem, "/libs/granite/csrf/token.json", ["Authorization": basic])
        case "admin":
            return (.aem, "/_sandbox/clock", [:])
        case "target":
            let now = await sandbox.store.now()
            // An OAuth server-to-server credential subscribed to Target, and a token for it.
            guard
                let caller = await sandbox.store.mutate({ AdobeSeed.addTargetCaller(name: "bench", at: now, in: &$0) })
            else {
                throw ValidationError("could not make a Target caller: the sandbox has no organization with Target")
            }
            let tenant = sandbox.credentials.targetTenant ?? "wknd"
            return (
                .target, "/\(tenant)/target/audiences?limit=1",
                [
                    "Authorization": "Bearer \(caller.accessToken)", "X-Api-Key": caller.clientID,
                    "Accept": "application/vnd.adobe.target.v3+json",
                ]
            )
        default:
            throw ValidationError("unknown request '\(request)'; expected aem, aem-csrf, target or admin")
        }
    }

    private static func findWrk() -> String? {
        for candidate in ["/usr/bin/wrk", "/usr/local/bin/wrk"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    private static func runWrk(_ wrk: String, url: String, headers: [String: String], connections: Int, seconds: Int)
        -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        var arguments = ["-t2", "-c\(connections)", "-d\(seconds)s"]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        process.arguments = arguments + [url]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return "could not run wrk"
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").first { $0.contains("Requests/sec") }.map(String.init) ?? text
    }
}

/// A minimal keep-alive HTTP/1.1 load generator on blocking sockets, one thread per connection.
enum SocketLoad {
    struct Result {
        var requests = 0
        var failures = 0
        var errors = 0
        var elapsed = 0.0
    }

    private final class Partials: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var total = Result()

        func add(_ partial: Result) {
            lock.withLock {
                total.requests += partial.requests
                total.failures += partial.failures
                total.errors += partial.errors
            }
        }
    }

    static func run(port: UInt16, path: String, headers: [String: String], connections: Int, seconds: Double) -> Result
    {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let partials = Partials()
        let start = Date()
        let deadline = start.addingTimeInterval(seconds)
        DispatchQueue.concurrentPerform(iterations: connections) { _ in
            partials.add(worker(port: port, request: bytes, deadline: deadline))
        }
        var total = partials.total
        total.elapsed = Date().timeIntervalSince(start)
        return total
    }

    private static func connect(port: UInt16) -> Int32? {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
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
            return nil
        }
        return descriptor
    }

    private static func worker(port: UInt16, request: [UInt8], deadline: Date) -> Result {
        var result = Result()
        var descriptor = connect(port: port)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var pending: [UInt8] = []
        while Date() < deadline {
            guard let socketDescriptor = descriptor else {
                result.errors += 1
                descriptor = connect(port: port)
                continue
            }
            let sent = request.withUnsafeBytes { send(socketDescriptor, $0.baseAddress, $0.count, 0) }
            guard sent == request.count else {
                result.errors += 1
                close(socketDescriptor)
                descriptor = connect(port: port)
                pending = []
                continue
            }
            var status = 0
            var complete = false
            while !complete {
                if let headerEnd = pending.firstRange(of: [13, 10, 13, 10])?.lowerBound {
                    let head = String(decoding: pending[..<headerEnd], as: UTF8.self)
                    status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
                    var length = 0
                    for line in head.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
                        length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                    }
                    let needed = headerEnd + 4 + length
                    if pending.count >= needed {
                        pending.removeFirst(needed)
                        complete = true
                        break
                    }
                }
                let received = buffer.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
                if received <= 0 { break }
                pending.append(contentsOf: buffer[0..<received])
            }
            if complete {
                result.requests += 1
                if !(200..<300).contains(status) { result.failures += 1 }
            } else {
                result.errors += 1
                close(socketDescriptor)
                descriptor = connect(port: port)
                pending = []
            }
        }
        if let descriptor { close(descriptor) }
        return result
    }
}

private func systemConnect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(descriptor, address, length)
}
