import AemconfState
@testable import AemconfStatePostgres
import Foundation
import Testing

/// Findings 2 and 3 of the security review: the state database connection must not give the password to a
/// server that declines TLS, and no message may print the password of a state URL.
@Suite struct PostgresTransportAttackTests {
    static let password = "S3cr3t-pw-9f1c"

    func containsPassword(_ bytes: [UInt8]) -> Bool {
        let needle = Array(Self.password.utf8)
        guard bytes.count >= needle.count else { return false }
        return (0...(bytes.count - needle.count)).contains { Array(bytes[$0..<($0 + needle.count)]) == needle }
    }

    @Test func aServerDecliningTLSNeverReceivesThePassword() async throws {
        let server = try FakePostgresServer()
        let url = "postgres://aem:\(Self.password)@127.0.0.1:\(server.port)/state"  // no sslmode: verify-full
        await #expect(throws: (any Error).self) { try await PostgresStateStore.connect(url: url) }
        let received = await server.received()
        #expect(Array(received.prefix(8)) == [0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F], "the client starts with SSLRequest")
        #expect(!containsPassword(received))
    }

    @Test func clearTextOnlyWhenTheURLSaysSoAndRemoteHostsAreWarnedAbout() throws {
        #expect(try PostgresURL("postgres://u@db.example/state").configuration.tls.isEnforced)
        #expect(try PostgresURL("postgres://u@db.example/state?sslmode=require").configuration.tls.isEnforced)
        #expect(try PostgresURL("postgres://u@db.example/state?sslmode=verify-ca").configuration.tls.isEnforced)
        for mode in ["prefer", "allow"] {
            let error = try #require(throws: StateError.self) {
                try PostgresURL("postgres://u@db.example/s?sslmode=\(mode)")
            }
            #expect("\(error)".contains("verify-full"))
        }
        let remote = try PostgresURL("postgres://u@db.example/state?sslmode=disable")
        #expect(!remote.configuration.tls.isAllowed)
        #expect(remote.warnings.count == 1)
        #expect(remote.warnings.first?.contains("clear text") == true)
        #expect(try PostgresURL("postgres://u@127.0.0.1:5432/state?sslmode=disable").warnings.isEmpty)
        #expect(try PostgresURL("postgres://u@localhost/state?sslmode=disable").warnings.isEmpty)
    }

    @Test func anUnparseableURLIsNeverEchoed() throws {
        let text = "postgres://aem:S3cr#t@db.example:5432/state"
        let error = try #require(throws: StateError.self) { try PostgresURL(text) }
        #expect(!"\(error)".contains("S3cr"))
        #expect(!"\(error)".contains("t@db"))
        let location = try? StateLocation(parsing: text)
        #expect(location.map { !"\($0)".contains("S3cr") } ?? true)
        #expect(StateLocation.redact(text) == "postgres://aem:(sensitive)@db.example:5432/state")
    }

    @Test func theQueryIsMasked() throws {
        let text = "postgres://aem@db.example/state?sslmode=verify-full&password=\(Self.password)"
        #expect(
            StateLocation.redact(text) == "postgres://aem@db.example/state?sslmode=verify-full&password=(sensitive)")
        #expect(!"\(try StateLocation(parsing: text))".contains(Self.password))
        #expect(
            !StateLocation.redact("postgres://db/x?options=-c%20x&pass=\(Self.password)#frag").contains(Self.password))
        #expect(
            StateLocation.redact("postgres://a:b@h/d?sslmode=<script>")
                == "postgres://a:(sensitive)@h/d?sslmode=(sensitive)")
        // A user-info that is not a plain user name is masked whole.
        #expect(StateLocation.redact("postgres://x/y?z@h/d") == "postgres://(sensitive)@h/d")
    }

    @Test func connectionErrorsDoNotPrintThePassword() async throws {
        let server = try FakePostgresServer()
        let url =
            "postgres://aem:\(Self.password)@127.0.0.1:\(server.port)/state?sslmode=disable&password=\(Self.password)"
        let error = await #expect(throws: (any Error).self) { try await PostgresStateStore.connect(url: url) }
        #expect(!"\(String(describing: error))".contains(Self.password))
        _ = await server.received()
    }

    @Test func thePasswordComesFromPGPASSWORDOrThePasswordFile() throws {
        let url = "postgres://aem@db.example:5433/state"
        #expect(try PostgresURL(url, environment: ["PGPASSWORD": "from-env"]).configuration.password == "from-env")
        let directory = NSTemporaryDirectory() + "aemconf-pgpass-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/pgpass"
        FileManager.default.createFile(
            atPath: file,
            contents: Data("other:*:*:*:no\ndb.example:5433:state:aem:from\\:file\n".utf8),
            attributes: [.posixPermissions: 0o600]
        )
        #expect(try PostgresURL(url, environment: ["PGPASSFILE": file]).configuration.password == "from:file")
        // A password file others can read is ignored, as libpq does.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresURL(url, environment: ["PGPASSFILE": file]).configuration.password == nil)
    }
}
