import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Review finding 9: the admin API (seeded credentials, whole state) is not open to other hosts or web pages,
/// and `--data` does not write through a planted symlink. Each test performs the attack.
@Suite struct SandboxAdminSecurityTests {
    /// Attack: DNS rebinding (a page on `evil.example` resolved to 127.0.0.1) and a cross-site `POST
    /// /_sandbox/reset` from a web page, against a loopback sandbox.
    @Test func dnsRebindingAndCrossSiteResetAreRefusedOnLoopback() async throws {
        let harness = try await SandboxHarness.start()
        defer { Task { try? await harness.stop() } }
        let port = try #require(harness.baseURL(.aem).split(separator: ":").last.map(String.init))
        let marker = try JSONSerialization.data(withJSONObject: ["path": "/content", "properties": ["marker": "kept"]])
        #expect(try await harness.request(.aem, "POST", "/_sandbox/aem/properties", body: marker).status == 200)

        let rebound = try await harness.request(
            .aem, "GET", "/_sandbox/info", headers: ["Host": "evil.example:\(port)"])
        #expect(rebound.status == 403)
        let consoleToken = try #require(harness.sandbox.credentials.consoleUserToken)
        #expect(!rebound.text.contains(consoleToken), "no credential is served")
        #expect(rebound.text.contains("admin-forbidden"))
        let reboundState = try await harness.request(.ims, "GET", "/_sandbox/state", headers: ["Host": "evil.example"])
        #expect(reboundState.status == 403)
        let noHost = try await harness.request(.aem, "GET", "/_sandbox/info", headers: ["Host": ""])
        #expect(noHost.status == 403 || noHost.status == 400)

        for origin in ["https://evil.example", "null", "http://127.0.0.1.evil.example:\(port)"] {
            let reset = try await harness.request(.aem, "POST", "/_sandbox/reset", headers: ["Origin": origin])
            #expect(reset.status == 403, "Origin \(origin)")
        }
        let kept = await harness.sandbox.store.read { $0.aem.node(at: "/content")?.properties["marker"]?.stringValue }
        #expect(kept == "kept", "the refused resets changed nothing")

        for host in ["127.0.0.1:\(port)", "localhost:\(port)", "[::1]:\(port)"] {
            #expect(
                try await harness.request(.aem, "GET", "/_sandbox/info", headers: ["Host": host]).status == 200,
                "Host \(host)")
        }
        let sameOrigin = try await harness.request(
            .aem, "POST", "/_sandbox/reset", headers: ["Origin": "http://localhost:\(port)"]
        )
        #expect(sameOrigin.status == 200)
        // The services themselves keep answering any Host (a real AEM does).
        let aem = try await harness.request(
            .aem, "GET", "/content.json", headers: harness.aemAdminHeaders.merging(["Host": "author.example"]) { $1 }
        )
        #expect(aem.status != 403)
    }

    /// Attack: a sandbox bound to every interface is reached by another host, without the token.
    @Test func aNonLoopbackBindRequiresTheAdminToken() async throws {
        let sandbox = try await Sandbox.start(SandboxConfiguration(host: "0.0.0.0", port: 0))
        defer { Task { try? await sandbox.shutdown() } }
        func base(_ service: SandboxService) -> String {
            "http://127.0.0.1:"
                + (sandbox.endpoints.url(for: service).split(separator: ":").last.map(String.init) ?? "0")
        }
        let token = try #require(sandbox.adminToken, "a token is generated on a non-loopback bind")
        #expect(token.count == 64)
        let consoleToken = try #require(sandbox.credentials.consoleUserToken)
        let open = try await SandboxHarness.request(base: base(.aem), "GET", "/_sandbox/info")
        #expect(open.status == 403)
        #expect(!open.text.contains(consoleToken), "no credential is served")
        let wrong = try await SandboxHarness.request(
            base: base(.aem), "GET", "/_sandbox/state", headers: ["Authorization": "Bearer nope"])
        #expect(wrong.status == 403)
        let reset = try await SandboxHarness.request(
            base: base(.target), "POST", "/_sandbox/reset", headers: ["X-Sandbox-Token": String(token.dropLast())]
        )
        #expect(reset.status == 403)
        let info = try await SandboxHarness.request(
            base: base(.aem), "GET", "/_sandbox/info", headers: ["Authorization": "Bearer \(token)"])
        #expect(info.status == 200 && info.text.contains(consoleToken))
        #expect(
            try await SandboxHarness.request(
                base: base(.ims), "GET", "/_sandbox/state", headers: ["X-Sandbox-Token": token]
            ).status == 200)
    }

    @Test func aGivenTokenIsRequiredOnLoopbackTooAndIsNotGeneratedThere() async throws {
        let plain = try await SandboxHarness.start()
        #expect(plain.sandbox.adminToken == nil)
        try await plain.stop()
        let harness = try await SandboxHarness.start(SandboxConfiguration(adminToken: "given-token"))
        defer { Task { try? await harness.stop() } }
        #expect(harness.sandbox.adminToken == "given-token")
        #expect(try await harness.request(.aem, "GET", "/_sandbox/info").status == 403)
        #expect(
            try await harness.request(.aem, "GET", "/_sandbox/info", headers: ["Authorization": "Bearer given-token"])
                .status == 200)
    }

    @Test func loopbackHostsAreRecognized() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]:4502", "localhost:4502", "LOCALHOST"] {
            #expect(SandboxAdminAccess.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "10.0.0.1", "evil.example", "127.0.0.1.evil.example", "::", "[::]:4502"] {
            #expect(!SandboxAdminAccess.isLoopback(host), "\(host)")
        }
    }

    /// Attack: a symlink planted at the data file's temporary name (in a shared directory) points at a file the
    /// sandbox's user can write; the sandbox must not write through it.
    @Test func aPlantedSymlinkAtTheTemporaryNameIsNotFollowed() async throws {
        let directory = try TemporaryDirectory(prefix: "sandbox-symlink")
        defer { directory.remove() }
        let dataFile = directory.path("sandbox.json")
        let victim = directory.path("victim.txt")
        FileManager.default.createFile(atPath: victim, contents: Data("precious".utf8))
        let planted = directory.path(".sandbox.json.tmp-\(getpid())")
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)

        try SandboxDataFile.write(SandboxSeed.defaultState(), to: dataFile)

        #expect(String(decoding: try Data(contentsOf: URL(fileURLWithPath: victim)), as: UTF8.self) == "precious")
        let attributes = try FileManager.default.attributesOfItem(atPath: dataFile)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular, "the data file is a regular file")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try SandboxDataFile.load(from: dataFile) != nil)
        let link = try FileManager.default.attributesOfItem(atPath: planted)
        #expect(link[.type] as? FileAttributeType == .typeSymbolicLink, "the planted link is left alone")
    }

    /// `aemconf sandbox --host 0.0.0.0` warns and prints a generated admin token once.
    @Test func theCLIWarnsOnANonLoopbackBindAndPrintsTheToken() async throws {
        let process = try await AemconfBinary.start(["sandbox", "--host", "0.0.0.0", "--port", "0", "--json"])
        let banner = try await process.waitForLine { _ in true }
        process.send(signal: SIGTERM)
        let result = try await process.waitForExit(timeout: .seconds(300))
        let object = try JSONSerialization.jsonObject(with: Data(banner.utf8)) as? [String: Any]
        let token = try #require(object?["adminToken"] as? String)
        #expect(token.count == 64)
        #expect(
            result.standardError.contains("warning: the sandbox listens on '0.0.0.0', not loopback"),
            "\(result.standardError)")
        #expect(!result.standardError.contains(token), "the token is printed once, on standard output")
    }
}
