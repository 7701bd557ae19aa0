import AemconfSandbox
import AemconfTestSupport
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// Keys, certificates and console credentials the AEM tests upload or connect with.
enum AEMTestFixtures {
    struct KeyPair {
        var privateKey: _RSA.Signing.PrivateKey
        var certificate: Certificate
        /// PKCS#8 DER of the private key.
        var privateKeyDER: Data
        /// DER of the certificate.
        var certificateDER: Data
    }

    /// A fresh RSA-2048 key and a self-signed certificate valid for a year from `now`.
    static func keyPair(commonName: String = "aemconf-test", now: Date = Date()) throws -> KeyPair {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let certificateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName(commonName) }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: certificateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-60),
            notValidAfter: now.addingTimeInterval(365 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption,
            extensions: Certificate.Extensions {},
            issuerPrivateKey: certificateKey
        )
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let pkcs8 = try Data(PEMDocument(pemString: key.pkcs8PEMRepresentation).derBytes)
        return KeyPair(
            privateKey: key, certificate: certificate, privateKeyDER: pkcs8,
            certificateDER: Data(serializer.serializedBytes))
    }

    /// Adds a console credential subscribed to Adobe Target (all product profiles) to the seeded org.
    @discardableResult
    static func addTargetCredential(
        to sandbox: RunningSandbox,
        kind: ConsoleCredential.Kind,
        clientID: String,
        secret: String,
        certificateDER: Data? = nil
    ) async -> ConsoleCredential {
        let now = await sandbox.store.now()
        return await sandbox.store.mutate { state -> ConsoleCredential in
            let org = state.console.organizations[0]
            let target = org.services.first { $0.code == ConsoleService.targetCode }
            var credential = ConsoleCredential(
                id: "cred-\(clientID)",
                orgID: org.id,
                projectID: nil,
                workspaceID: nil,
                name: "test \(clientID)",
                description: "test credential",
                kind: kind,
                clientID: clientID,
                technicalAccountID: "TECH\(clientID.uppercased())@techacct.adobe.com",
                technicalAccountEmail: "tech@techacct.adobe.com",
                secrets: [ConsoleClientSecret(uuid: UUID().uuidString, value: secret, createdAt: now)],
                subscriptions: [
                    ConsoleSubscription(
                        sdkCode: ConsoleService.targetCode,
                        licenseConfigIDs: target?.licenseConfigs.map(\.id) ?? []
                    )
                ],
                createdAt: now
            )
            if let certificateDER {
                let fingerprint = Insecure.SHA1.hash(data: certificateDER).map { String(format: "%02x", $0) }.joined()
                credential.bindings = [
                    ConsoleBinding(
                        id: "binding-\(clientID)",
                        certificateDER: certificateDER,
                        fingerprint: fingerprint,
                        notAfter: now.addingTimeInterval(365 * 86_400)
                    )
                ]
            }
            state.console.credentials.append(credential)
            return credential
        }
    }
}
