import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finding 11 (TLS part): a service presenting a certificate that does not verify (a man in the middle with a
/// self-signed certificate) is reported as "certificate verification failed for HOST", at once, not retried.
@Suite(.serialized)
struct TLSRejectionTests {
    /// Starts `openssl s_server` with a fresh self-signed certificate for `localhost` on a free port.
    static func untrustedServer(_ directory: TemporaryDirectory) async throws -> (RunningChildProcess, Int)? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else { return nil }
        let key = directory.path("key.pem")
        let certificate = directory.path("cert.pem")
        let made = try await ChildProcess.run(
            executable: "/usr/bin/openssl",
            arguments: [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=localhost",
            ]
        )
        guard made.termination == .exited(0) else { return nil }
        let port = try freePort()
        let server = try await ChildProcess.start(
            executable: "/usr/bin/openssl",
            arguments: [
                "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate, "-key", key, "-www", "-quiet",
            ]
        )
        for _ in 0..<100 {
            if canConnect(port) { return (server, port) }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.send(signal: SIGKILL)
        return nil
    }

    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }

    @Test func anUntrustedCertificateIsReportedAsSuchAndNotRetried() async throws {
        let directory = try TemporaryDirectory(prefix: "aemconf-tls")
        defer { directory.remove() }
        guard let (server, port) = try await Self.untrustedServer(directory) else {
            Issue.record("openssl is not available to start an untrusted TLS server")
            return
        }
        defer { server.send(signal: SIGKILL) }
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let transport = AsyncHTTPClientTransport(
            configuration: .init(connectTimeout: .seconds(5), readTimeout: .seconds(5)), logger: logger)
        defer { Task { try? await transport.shutdown() } }
        do {
            _ = try await transport.execute(
                TransportRequest(method: .GET, url: "https://localhost:\(port)/", headers: [:], body: nil))
            Issue.record("an untrusted certificate must be refused")
        } catch {
            print("TLS ERROR: \(String(reflecting: error))")
            #expect(error as? TransportError == .certificateRejected(host: "localhost"))
        }
    }
}
