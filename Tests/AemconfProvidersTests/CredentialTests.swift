import AemconfModel
import AemconfProviders
import AemconfTestSupport
import Foundation
import JWTKit
import Testing
import X509

@Suite struct SelfSignedCertificateTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func generatesRSA2048SHA256CertificateWithSubjectAndValidity() throws {
        let key = try RSAKeyPair.generate()
        #expect(key.keySizeInBits == 2048)
        let certificate = try SelfSignedCertificate.make(
            key: key, subject: .init(commonName: "aem-target-prod", organization: "WKND"), validityDays: 365,
            now: Self.now
        )
        #expect(certificate.certificate.signatureAlgorithm == .sha256WithRSAEncryption)
        #expect(certificate.certificate.subject == certificate.certificate.issuer)
        #expect("\(certificate.certificate.subject)".contains("CN=aem-target-prod"))
        #expect(certificate.notValidAfter.timeIntervalSince(Self.now) == 365 * 86_400)
        #expect(certificate.matches(key))
        #expect(
            certificate.certificate.publicKey.isValidSignature(
                certificate.certificate.signature, for: certificate.certificate))
    }

    @Test func pemAndDERRoundTripAndFingerprintIsLowercaseSHA1Hex() throws {
        let key = try RSAKeyPair.generate()
        let certificate = try SelfSignedCertificate.make(
            key: key, subject: .init(commonName: "x"), validityDays: 30, now: Self.now)
        #expect(certificate.pemRepresentation.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(try SelfSignedCertificate(pemRepresentation: certificate.pemRepresentation) == certificate)
        #expect(try SelfSignedCertificate(derRepresentation: certificate.derRepresentation) == certificate)
        let fingerprint = certificate.sha1Fingerprint
        #expect(fingerprint.count == 40)
        #expect(fingerprint.allSatisfy { $0.isHexDigit && !$0.isUppercase })
    }

    @Test func fingerprintMatchesOpenSSL() async throws {
        let key = try RSAKeyPair.generate()
        let certificate = try SelfSignedCertificate.make(
            key: key, subject: .init(commonName: "x"), validityDays: 30, now: Self.now)
        let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let openssl else {
            Issue.record("openssl is not installed (scripts/test installs it): the fingerprint cannot be compared")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "aemconf-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("c.pem")
        try certificate.pemRepresentation.write(to: file, atomically: true, encoding: .utf8)
        let output = try await ChildProcess.run(
            executable: openssl,
            arguments: ["x509", "-in", file.path, "-noout", "-fingerprint", "-sha1"]
        ).standardOutput
        let hex = output.split(separator: "=").last.map {
            $0.replacingOccurrences(of: ":", with: "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        }
        #expect(hex == certificate.sha1Fingerprint)
    }

    @Test func validityOutsideTheRangeIsRejected() throws {
        let key = try RSAKeyPair.generate()
        #expect(throws: CredentialError.self) {
            try SelfSignedCertificate.make(key: key, subject: .init(commonName: "x"), validityDays: 0, now: Self.now)
        }
    }
}

@Suite struct RSAKeyPairTests {
    @Test func pkcs8EncodingsRoundTripAndDescriptionNamesOnlyTheKind() throws {
        let key = try RSAKeyPair.generate()
        let pem = key.revealedPKCS8PEM
        #expect(pem.revealed.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reread = try RSAKeyPair(pem: pem)
        #expect(reread.publicKeyPEM == key.publicKeyPEM)
        let der = key.revealedPKCS8DER()
        // PKCS#8 PrivateKeyInfo: SEQUENCE, version 0, AlgorithmIdentifier with rsaEncryption (1.2.840.113549.1.1.1).
        #expect(der.first == 0x30)
        let rsaEncryption: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
        #expect(der.indices.contains { Array(der[$0..<min($0 + rsaEncryption.count, der.count)]) == rsaEncryption })
        #expect("\(key)" == "RSA-2048 private key")
        #expect(String(reflecting: key) == "RSA-2048 private key")
        #expect("\(pem)" == "(sensitive)")
    }

    @Test func unreadableKeysAreRejectedWithoutEchoingThem() {
        let error = #expect(throws: CredentialError.self) { try RSAKeyPair(pem: Secret("not a key CANARY-xyz")) }
        #expect(error?.description.contains("CANARY") == false)
    }
}

@Suite struct ServiceAccountJWTTests {
    @Test func claimsFollowIMSSection21AndTheSignatureVerifies() async throws {
        let key = try RSAKeyPair.generate()
        let claims = ServiceAccountJWT(
            organizationID: "ORG@AdobeOrg", technicalAccountID: "TA@techacct.adobe.com", clientID: "abc123",
            imsBaseURL: "https://ims-na1.adobelogin.com/", metascopes: ["ent_marketing_sdk"]
        )
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let jwt = try await claims.sign(with: key, now: now)
        #expect("\(jwt)" == "(sensitive)")
        let parts = jwt.revealed.split(separator: ".")
        #expect(parts.count == 3)
        let header = try #require(Self.decodeSegment(parts[0]))
        #expect(header["alg"] as? String == "RS256")
        #expect(header["typ"] as? String == "JWT")
        let payload = try #require(Self.decodeSegment(parts[1]))
        #expect(payload["exp"] as? Int == 1_800_000_300)
        #expect(payload["iss"] as? String == "ORG@AdobeOrg")
        #expect(payload["sub"] as? String == "TA@techacct.adobe.com")
        #expect(payload["aud"] as? String == "https://ims-na1.adobelogin.com/c/abc123")
        #expect(payload["https://ims-na1.adobelogin.com/s/ent_marketing_sdk"] as? Bool == true)

        let verifier = JWTKeyCollection()
        await verifier.add(rsa: try JWTKit.Insecure.RSA.PublicKey(pem: key.publicKeyPEM), digestAlgorithm: .sha256)
        let verified = try await verifier.verify(jwt.revealed, as: ServiceAccountJWT.Payload.self)
        #expect(verified.metascopes == ["https://ims-na1.adobelogin.com/s/ent_marketing_sdk"])
    }

    @Test func aJWTWithoutMetascopesIsRefused() async throws {
        let key = try RSAKeyPair.generate()
        let claims = ServiceAccountJWT(
            organizationID: "o", technicalAccountID: "t", clientID: "c", imsBaseURL: "https://ims", metascopes: [])
        await #expect(throws: CredentialError.self) { _ = try await claims.sign(with: key, now: Date()) }
    }

    static func decodeSegment(_ segment: Substring) -> [String: Any]? {
        var base64 = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
