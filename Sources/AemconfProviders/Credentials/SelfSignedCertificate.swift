import AemconfModel
import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A self-signed X.509 certificate for an IMS service-account key, as the Developer Console accepts it.
///
/// RSA-2048 public key, SHA-256 with RSA signature, subject from config, validity in days
/// (ims.md §6). Encodings in pairs: ``pemRepresentation`` / ``derRepresentation``.
public struct SelfSignedCertificate: Sendable, Equatable {
    /// The certificate value.
    public let certificate: Certificate
    /// The DER encoding.
    public let derRepresentation: [UInt8]

    /// The subject fields of a certificate.
    public struct Subject: Sendable, Equatable {
        /// `CN`.
        public var commonName: String
        /// `O`, if any.
        public var organization: String?
        /// `OU`, if any.
        public var organizationalUnit: String?
        /// `C` (two letters), if any.
        public var country: String?

        /// Creates a subject.
        public init(
            commonName: String, organization: String? = nil, organizationalUnit: String? = nil, country: String? = nil
        ) {
            self.commonName = commonName
            self.organization = organization
            self.organizationalUnit = organizationalUnit
            self.country = country
        }

        var distinguishedName: DistinguishedName {
            get throws {
                try DistinguishedName {
                    if let country { CountryName(country) }
                    if let organization { OrganizationName(organization) }
                    if let organizationalUnit { OrganizationalUnitName(organizationalUnit) }
                    CommonName(commonName)
                }
            }
        }
    }

    /// Creates and signs a certificate for `key`, valid from `now` for `validityDays` days.
    public static func make(
        key: RSAKeyPair,
        subject: Subject,
        validityDays: Int,
        now: Date
    ) throws -> SelfSignedCertificate {
        guard (1...3650).contains(validityDays) else {
            throw CredentialError(
                .invalidInput, "certificate validity must be between 1 and 3650 days, not \(validityDays)")
        }
        do {
            let name = try subject.distinguishedName
            let privateKey = Certificate.PrivateKey(key.privateKey)
            let notBefore = now.addingTimeInterval(-60)
            let notAfter = now.addingTimeInterval(Double(validityDays) * 86_400)
            let certificate = try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: privateKey.publicKey,
                notValidBefore: notBefore,
                notValidAfter: notAfter,
                issuer: name,
                subject: name,
                signatureAlgorithm: .sha256WithRSAEncryption,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.notCertificateAuthority)
                    Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                },
                issuerPrivateKey: privateKey
            )
            return try SelfSignedCertificate(certificate: certificate)
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(
                .invalidCertificate, "the certificate for '\(subject.commonName)' could not be created")
        }
    }

    /// Wraps an existing certificate.
    public init(certificate: Certificate) throws {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        self.certificate = certificate
        self.derRepresentation = serializer.serializedBytes
    }

    /// Reads a PEM certificate.
    public init(pemRepresentation: String) throws {
        do {
            try self.init(certificate: try Certificate(pemEncoded: pemRepresentation))
        } catch {
            throw CredentialError(.invalidCertificate, "the text is not a PEM X.509 certificate")
        }
    }

    /// Reads a DER certificate.
    public init(derRepresentation: [UInt8]) throws {
        do {
            try self.init(certificate: try Certificate(derEncoded: derRepresentation))
        } catch {
            throw CredentialError(.invalidCertificate, "the bytes are not a DER X.509 certificate")
        }
    }

    /// The PEM encoding (`-----BEGIN CERTIFICATE-----`).
    public var pemRepresentation: String {
        PEMDocument(type: "CERTIFICATE", derBytes: derRepresentation).pemString
    }

    /// The SHA-1 of the DER certificate in lowercase hex without separators, as the Developer Console lists it.
    public var sha1Fingerprint: String {
        Hex.encode(Insecure.SHA1.hash(data: derRepresentation))
    }

    /// The end of validity.
    public var notValidAfter: Date { certificate.notValidAfter }

    /// The start of validity.
    public var notValidBefore: Date { certificate.notValidBefore }

    /// Whether `publicKey` of this certificate belongs to `key`.
    public func matches(_ key: RSAKeyPair) -> Bool {
        certificate.publicKey == Certificate.PrivateKey(key.privateKey).publicKey
    }
}
