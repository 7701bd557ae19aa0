import AemconfSandbox
import AemconfTestSupport
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwiftASN1
import Testing
import X509
import _CryptoExtras

/// An RSA-2048 key and a self-signed certificate for it, made once per test process.
struct TestKeyPair: Sendable {
    let privateKey: _RSA.Signing.PrivateKey
    let certificatePEM: String
    let certificateDER: Data
    let notAfter: Date

    static let first: TestKeyPair? = try? TestKeyPair(commonName: "aemconf-sandbox-first")
    static let second: TestKeyPair? = try? TestKeyPair(commonName: "aemconf-sandbox-second")

    init(
        commonName: String, notBefore: Date = AdobeFixture.start.addingTimeInterval(-86_400),
        validity: TimeInterval = 365 * 86_400
    ) throws {
        privateKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let key = Certificate.PrivateKey(privateKey)
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: key.publicKey,
            notValidBefore: notBefore, notValidAfter: notBefore.addingTimeInterval(validity), issuer: name,
            subject: name, signatureAlgorithm: .sha256WithRSAEncryption, extensions: Certificate.Extensions {},
            issuerPrivateKey: key
        )
        certificatePEM = try certificate.serializeAsPEM().pemString
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        certificateDER = Data(serializer.serializedBytes)
        notAfter = certificate.notValidAfter
    }

    /// Hand-built RS256 JWT (independent of the sandbox's own JWT code).
    func sign(_ claims: [String: Any], header: [String: Any] = ["alg": "RS256", "typ": "JWT"]) throws -> String {
        let headerData = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        let payloadData = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        let input = base64url(headerData) + "." + base64url(payloadData)
        let signature = try privateKey.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + base64url(signature.rawRepresentation)
    }
}

func base64url(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// A sandbox store seeded with the default Adobe seed plus a JWT and an OAuth Server-to-Server credential,
/// its clock fixed at ``start`` (before the 2024-06-03 JWT cut-off).
struct AdobeFixture: Sendable {
    static let start = Date(timeIntervalSince1970: 1_709_294_400)  // 2024-03-01T12:00:00Z
    static let ims = "https://ims-na1.adobelogin.com"
    static let canarySecret = "p8e-CANARY-never-echo-0123456789abcdef"

    let store: SandboxStore
    let keys: TestKeyPair
    let orgCode: String
    let orgID: String
    let tenant: String
    let userToken: String
    let cliKey: String
    /// JWT credential subscribed to Target (Default Workspace).
    let jwt: ConsoleCredential
    /// OAuth S2S credential subscribed to Target (Default Workspace, Marketing).
    let oauth: ConsoleCredential
    /// OAuth S2S credential subscribed to Target (Marketing only).
    let marketing: ConsoleCredential

    static func make(audienceCount: Int = 5, settings: SandboxSettings = SandboxSettings()) async throws
        -> AdobeFixture
    {
        let keys = try #require(TestKeyPair.first)
        let seed = AdobeSeed(audienceCount: audienceCount)
        let slices = seed.slices(at: start)
        var state = SandboxState(aem: AEMState(), ims: slices.ims, console: slices.console, target: slices.target)
        let profiles = (0..<seed.productProfiles.count).map(AdobeSeed.profileID)
        func credential(
            _ id: String, _ kind: ConsoleCredential.Kind, _ name: String, _ profileIDs: [String],
            secret: String
        ) -> ConsoleCredential {
            ConsoleCredential(
                id: id, orgID: seed.amsOrgID, projectID: nil, workspaceID: nil, name: name, description: name,
                kind: kind, clientID: "client" + id + String(repeating: "0", count: 20),
                technicalAccountID: "TECH\(id)ACCOUNT0000000000@techacct.adobe.com",
                technicalAccountEmail: "tech-\(id)@techacct.adobe.com",
                secrets: [ConsoleClientSecret(uuid: "uuid-\(id)", value: secret, createdAt: start)],
                bindings: kind == .jwt
                    ? [
                        ConsoleBinding(
                            id: "b\(id)", certificateDER: keys.certificateDER, fingerprint: "x",
                            notAfter: keys.notAfter)
                    ] : [],
                subscriptions: [ConsoleSubscription(sdkCode: ConsoleService.targetCode, licenseConfigIDs: profileIDs)],
                createdAt: start
            )
        }
        let jwt = credential("500001", .jwt, "jwt-credential", [profiles[0]], secret: "jwt-secret-value-1")
        let oauth = credential(
            "500002", .oauthServerToServer, "oauth-credential", [profiles[0], profiles[1]],
            secret: "oauth-secret-value-1")
        let marketing = credential(
            "500003", .oauthServerToServer, "marketing-only", [profiles[1]],
            secret: "marketing-secret-value-1")
        state.console.credentials = [jwt, oauth, marketing]
        let store = SandboxStore(state: state, settings: settings)
        await store.setClock(start)
        let login = AdobeSeed.login(in: state)
        return AdobeFixture(
            store: store, keys: keys, orgCode: seed.imsOrgCode, orgID: seed.amsOrgID, tenant: seed.tenant,
            userToken: try #require(login.userToken), cliKey: login.apiKey, jwt: jwt, oauth: oauth,
            marketing: marketing
        )
    }

    /// One application serving IMS, console and Target routes.
    func application() -> some ApplicationProtocol {
        let router = Router(context: SandboxRequestContext.self)
        IMSRoutes.register(on: router, store: store)
        ConsoleRoutes.register(on: router, store: store)
        TargetRoutes.register(on: router, store: store)
        return Application(router: router)
    }

    /// The claims of a valid assertion for the JWT credential.
    func claims(expiresIn: TimeInterval = 300) -> [String: Any] {
        [
            "exp": Int(Self.start.timeIntervalSince1970 + expiresIn), "iss": orgCode, "sub": jwt.technicalAccountID,
            "aud": "\(Self.ims)/c/\(jwt.clientID)", "\(Self.ims)/s/ent_marketing_sdk": true,
        ]
    }

    /// A token of `credential` from the client-credentials grant, issued in-process.
    func oauthToken(_ credential: ConsoleCredential? = nil) async throws -> String {
        let chosen = credential ?? oauth
        let result = await store.mutate { state in
            IMSAuthority.clientCredentials(
                grantType: "client_credentials", clientID: chosen.clientID, clientSecret: chosen.secrets[0].value,
                scope: "openid,AdobeID,target_sdk", at: AdobeFixture.start, in: &state)
        }
        return try result.get().accessToken
    }
}

/// Request bodies and decoding for the conformance tests.
enum Wire {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: SandboxHarness.urlEncoded(fields))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    static func multipart(
        _ fields: [(name: String, value: String, filename: String?)], boundary: String = "XyZboundary"
    )
        -> (ByteBuffer, HTTPFields)
    {
        var text = ""
        for field in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\""
            if let filename = field.filename { text += "; filename=\"\(filename)\"" }
            text += "\r\n\r\n\(field.value)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return (ByteBuffer(string: text), [.contentType: "multipart/form-data; boundary=\(boundary)"])
    }

    static func json(_ value: Any) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: value))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        let data = Data(buffer: response.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        let data = Data(buffer: response.body)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func text(_ response: TestResponse) -> String {
        String(buffer: response.body)
    }

    static func bearer(_ token: String, apiKey: String) -> HTTPFields {
        var fields: HTTPFields = [.authorization: "Bearer \(token)"]
        if let name = HTTPField.Name("x-api-key") { fields[name] = apiKey }
        return fields
    }
}

@Suite struct AdobeFixtureTests {
    @Test func fixtureCredentialsAreSeeded() async throws {
        let fixture = try await AdobeFixture.make()
        let count = await fixture.store.read { $0.console.credentials.count }
        #expect(count == 3)
        #expect(fixture.orgCode.hasSuffix("@AdobeOrg"))
    }
}
