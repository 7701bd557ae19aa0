import AemconfModel
@testable import AemconfProviders
import Foundation
import Testing

/// Every type that carries a secret prints without it: `description`, `String(reflecting:)` and `dump`.
@Suite struct SecretDescriptionTests {
    static let canary = "CANARY-description-4417"

    static func rendered(_ value: Any) -> [String] {
        var dumped = ""
        dump(value, to: &dumped)
        return ["\(value)", String(reflecting: value), dumped]
    }

    @Test func noTypeHoldingASecretPrintsIt() throws {
        let secret = Secret(Self.canary)
        let key = try RSAKeyPair.generate()
        let claims = ServiceAccountJWT(
            organizationID: "o", technicalAccountID: "t", clientID: "c", imsBaseURL: "https://ims", metascopes: ["m"])
        let values: [Any] = [
            secret,
            IMSToken(accessToken: secret, tokenType: "bearer", expiresAt: Date()),
            IMSCredential.oauthServerToServer(clientID: "c", clientSecret: secret, scopes: ["openid"]),
            IMSCredential.serviceAccount(clientID: "c", clientSecret: secret, claims: claims, privateKey: key),
            Console.ClientSecret(uuid: "u", value: secret, createdAt: nil),
            AEMIMSConfiguration(
                name: "n", title: "t", authorizationServer: "https://ims", clientID: "c", clientSecret: secret,
                organizationID: "o",
                authentication: .oauthServerToServer(scopes: ["openid"])
            ),
            OSGiConfiguration(pid: "p", factoryPID: nil, properties: [:], secrets: ["auth.ims.client.secret": secret]),
            ServiceAuthorization.basic(username: "admin", password: secret),
        ]
        for value in values {
            for text in Self.rendered(value) {
                #expect(!text.contains(Self.canary), "\(type(of: value)) printed its secret")
            }
        }
        let pem = key.revealedPKCS8PEM.revealed
        for text in Self.rendered(key) { #expect(!text.contains(String(pem.dropFirst(40).prefix(40)))) }
    }
}
