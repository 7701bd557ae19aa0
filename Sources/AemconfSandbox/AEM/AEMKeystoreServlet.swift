import Foundation
import Hummingbird
import SwiftASN1
import X509

/// The user keystore servlet (aem.md §1): `GET {userPath}.ks.json` (`KeystoreInfo`),
/// `POST {userPath}.ks.html` (`createStore`, password change, add `alias`+`pk`+`cert-chain`,
/// `removeAlias`), and `{userPath}/keystore/store.p12` (download, `:operation=delete`).
///
/// Uploaded keys and certificates are parsed for real (PKCS#8 DER key, DER or PEM certificates),
/// and a key that does not match the leaf certificate's public key is refused.
enum AEMKeystoreServlet {
    private static let storeSuffix = "/keystore/store.p12"

    static func handles(_ path: String) -> Bool {
        path.hasSuffix(".ks.json") || path.hasSuffix(".ks.html") || path.hasSuffix(storeSuffix)
    }

    private static func userPath(of path: String) -> String {
        if path.hasSuffix(storeSuffix) { return AEMPath.normalize(String(path.dropLast(storeSuffix.count))) }
        return AEMPath.normalize(String(path.dropLast(".ks.json".count)))
    }

    static func get(_ request: AEMRequest, aem: AEMState) -> Response {
        let userPath = userPath(of: request.path)
        guard aem.user(atPath: userPath) != nil else { return AEMResponses.notFound(request.path) }
        if request.path.hasSuffix(storeSuffix) {
            guard let keystore = aem.keystores[userPath] else { return AEMResponses.notFound(request.path) }
            let placeholder = "sandbox keystore placeholder: \(keystore.entries.count) entries\n"
            return AEMResponses.binary(Data(placeholder.utf8), contentType: "application/octet-stream")
        }
        guard request.path.hasSuffix(".ks.json") else { return AEMResponses.notFound(request.path) }
        return AEMResponses.json(info(aem.keystores[userPath]))
    }

    static func post(_ request: AEMRequest, store: SandboxStore) async -> Response {
        let result: (status: Int, message: String, info: AEMJSONWriter.Value?) = await store.mutate { state in
            execute(request, aem: &state.aem)
        }
        if request.path.hasSuffix(".ks.json") || request.wantsJSON {
            if result.status < 300, let info = result.info {
                return AEMResponses.json(info, status: HTTPResponse.Status(code: result.status))
            }
            return AEMResponses.json(
                .object([("status", .integer(Int64(result.status))), ("message", .string(result.message))]),
                status: HTTPResponse.Status(code: result.status)
            )
        }
        if result.status >= 300 {
            return AEMResponses.errorPage(HTTPResponse.Status(code: result.status), message: result.message)
        }
        return AEMResponses.text(
            "<html><head><title>\(AEMResponses.escape(result.message))</title></head><body><div id=\"Status\">\(result.status)</div><div id=\"Message\">\(AEMResponses.escape(result.message))</div></body></html>",
            status: HTTPResponse.Status(code: result.status),
            contentType: "text/html;charset=utf-8"
        )
    }

    private static func execute(_ request: AEMRequest, aem: inout AEMState) -> (Int, String, AEMJSONWriter.Value?) {
        let userPath = userPath(of: request.path)
        guard aem.user(atPath: userPath) != nil else {
            return (404, "no user at '\(userPath)'", nil)
        }
        if request.path.hasSuffix(storeSuffix) {
            guard request.value(":operation") == "delete" else {
                return (400, "only ':operation=delete' is supported on the keystore file", nil)
            }
            guard aem.keystores[userPath] != nil else { return (403, "keystore not found", nil) }
            aem.keystores[userPath] = nil
            return (200, "keystore deleted", info(nil))
        }
        if request.value(":operation") == "createStore" {
            let password = request.value("newPassword") ?? ""
            guard !password.isEmpty else { return (400, "'newPassword' is required", nil) }
            guard password == request.value("rePassword") else {
                return (400, "'newPassword' and 'rePassword' do not match", nil)
            }
            guard aem.keystores[userPath] == nil else { return (409, "keystore already exists", nil) }
            aem.keystores[userPath] = AEMKeystore(password: password)
            return (200, "keystore created", info(aem.keystores[userPath]))
        }
        if request.parameters.field("keyStore") != nil {
            return (500, "PKCS#12 import is not supported by the sandbox; upload 'pk' and 'cert-chain'", nil)
        }
        if let current = request.value("currentPassword") {
            guard var keystore = aem.keystores[userPath] else { return (404, "keystore not found", nil) }
            guard current == keystore.password else { return (403, "current password is wrong", nil) }
            let password = request.value("newPassword") ?? ""
            guard !password.isEmpty, password == request.value("rePassword") else {
                return (400, "'newPassword' and 'rePassword' must be equal and not empty", nil)
            }
            keystore.password = password
            aem.keystores[userPath] = keystore
            return (200, "keystore password changed", info(keystore))
        }
        if let alias = request.value("removeAlias") {
            guard var keystore = aem.keystores[userPath] else { return (404, "keystore not found", nil) }
            guard keystore.entries.contains(where: { $0.alias == alias }) else {
                return (404, "alias '\(alias)' not found", nil)
            }
            keystore.entries.removeAll { $0.alias == alias }
            aem.keystores[userPath] = keystore
            return (200, "alias removed", info(keystore))
        }
        if let alias = request.value("alias") {
            guard var keystore = aem.keystores[userPath] else { return (404, "keystore not found", nil) }
            guard !alias.isEmpty else { return (400, "'alias' must not be empty", nil) }
            guard let keyField = request.parameters.field("pk"), !keyField.data.isEmpty else {
                return (400, "'pk' (the private key, DER PKCS#8) is required", nil)
            }
            guard let chainField = request.parameters.field("cert-chain"), !chainField.data.isEmpty else {
                return (400, "'cert-chain' (the certificate chain) is required", nil)
            }
            let privateKey: Certificate.PrivateKey
            do {
                privateKey = try Certificate.PrivateKey(derBytes: [UInt8](keyField.data))
            } catch {
                return (400, "'pk' is not a DER PKCS#8 private key", nil)
            }
            guard let chain = parseChain(chainField.data), let leaf = chain.first else {
                return (400, "'cert-chain' is not a DER or PEM X.509 certificate chain", nil)
            }
            guard leaf.certificate.publicKey == privateKey.publicKey else {
                return (400, "the private key does not match the certificate's public key", nil)
            }
            keystore.entries.removeAll { $0.alias == alias }
            keystore.entries.append(
                AEMKeystore.Entry(alias: alias, privateKeyDER: keyField.data, chainDER: chain.map(\.der))
            )
            aem.keystores[userPath] = keystore
            return (200, "private key added", info(keystore))
        }
        return (400, "no keystore operation in the request", nil)
    }

    private static func parseChain(_ data: Data) -> [(certificate: Certificate, der: Data)]? {
        if let text = String(data: data, encoding: .utf8), text.contains("-----BEGIN CERTIFICATE-----") {
            guard let documents = try? PEMDocument.parseMultiple(pemString: text), !documents.isEmpty else {
                return nil
            }
            var chain: [(Certificate, Data)] = []
            for document in documents {
                guard let certificate = try? Certificate(derEncoded: document.derBytes) else { return nil }
                chain.append((certificate, Data(document.derBytes)))
            }
            return chain
        }
        guard let certificate = try? Certificate(derEncoded: [UInt8](data)) else { return nil }
        return [(certificate, data)]
    }

    /// The `KeystoreInfo` JSON of aem.md §1.2.
    static func info(_ keystore: AEMKeystore?) -> AEMJSONWriter.Value {
        guard let keystore else { return .object([("exists", .bool(false))]) }
        let aliases: [AEMJSONWriter.Value] = keystore.entries.map { entry in
            let chain: [AEMJSONWriter.Value] = entry.chainDER.compactMap { der in
                guard let certificate = try? Certificate(derEncoded: [UInt8](der)) else { return nil }
                return .object([
                    ("subject", .string(String(describing: certificate.subject))),
                    ("issuer", .string(String(describing: certificate.issuer))),
                    ("notBefore", .string(AEMDateFormat.iso(certificate.notValidBefore))),
                    ("notAfter", .string(AEMDateFormat.iso(certificate.notValidAfter))),
                    ("serialNumber", serialNumber(certificate.serialNumber)),
                ])
            }
            return .object([
                ("alias", .string(entry.alias)),
                ("entryType", .string("privateKey")),
                ("algorithm", .string(algorithm(of: entry.privateKeyDER))),
                ("format", .string("PKCS#8")),
                ("chain", .array(chain)),
            ])
        }
        return .object([("exists", .bool(true)), ("aliases", .array(aliases))])
    }

    private static func algorithm(of der: Data) -> String {
        guard let key = try? Certificate.PrivateKey(derBytes: [UInt8](der)) else { return "RSA" }
        let description = String(describing: key).uppercased()
        return description.contains("RSA") ? "RSA" : (description.contains("ED25519") ? "EdDSA" : "EC")
    }

    private static func serialNumber(_ serial: Certificate.SerialNumber) -> AEMJSONWriter.Value {
        var value: UInt64 = 0
        let bytes = Array(serial.bytes.drop { $0 == 0 })
        guard bytes.count <= 7 else {
            return .string(decimal(bytes))
        }
        for byte in bytes { value = value << 8 | UInt64(byte) }
        return .rawNumber(String(value))
    }

    /// Decimal digits of a big-endian unsigned integer.
    private static func decimal(_ bytes: [UInt8]) -> String {
        var digits: [UInt8] = []
        var number = bytes
        while !number.isEmpty {
            var remainder = 0
            var quotient: [UInt8] = []
            for byte in number {
                let accumulator = remainder * 256 + Int(byte)
                let digit = accumulator / 10
                remainder = accumulator % 10
                if !quotient.isEmpty || digit != 0 { quotient.append(UInt8(digit)) }
            }
            digits.append(UInt8(remainder))
            number = quotient
        }
        return digits.isEmpty ? "0" : String(digits.reversed().map { Character(String($0)) })
    }
}
