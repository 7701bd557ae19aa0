import AemconfModel
import Foundation

extension AEMClient {
    /// Reads `{userPath}.ks.json`; a 404 means no keystore (aem.md §1.2).
    public func keystore(userPath: String) async throws -> KeystoreInfo {
        let step = "reading the keystore of '\(userPath)'"
        guard let json = try await getJSON("\(userPath).ks.json", step: step) else {
            return KeystoreInfo(exists: false, aliases: [])
        }
        do {
            return try JSONDecoderBridge.decode(KeystoreInfo.self, from: json)
        } catch {
            throw ServiceError(
                code: .invalidResponse, step: step, service: .aem, method: "GET", path: "\(userPath).ks.json",
                detail: "unexpected keystore JSON")
        }
    }

    /// Creates the user's keystore with `password` (`:operation=createStore`, aem.md §1.3).
    public func createKeystore(userPath: String, password: Secret) async throws {
        client.environment.redactor.register(password)
        var form = FormBody()
        form.append(":operation", "createStore")
        password.withRevealedValue {
            form.append("newPassword", $0)
            form.append("rePassword", $0)
        }
        let step = "creating the keystore of '\(userPath)'"
        try await postForm(
            "\(userPath).ks.html",
            form: form,
            step: step,
            idempotent: false,
            accept: { $0 == 200 || $0 == 201 },
            verify: { try await keystore(userPath: userPath).exists ? ServiceResponse(status: 200) : nil }
        )
    }

    /// Adds a private key (PKCS#8 DER) and its certificate under `alias` (aem.md §1.5), then reads back.
    public func addKeystoreEntry(
        userPath: String,
        alias: String,
        key: RSAKeyPair,
        certificate: SelfSignedCertificate
    ) async throws {
        var body = MultipartBody()
        body.append("alias", alias)
        body.appendFile(
            "pk", filename: "\(alias).der", contentType: "application/octet-stream", data: key.revealedPKCS8DER())
        body.appendFile(
            "cert-chain", filename: "\(alias).crt", contentType: "application/x-x509-ca-cert",
            data: Array(certificate.pemRepresentation.utf8))
        let step = "adding key '\(alias)' to the keystore of '\(userPath)'"
        _ = try await mutate(
            path: "\(userPath).ks.html",
            body: body.encoded,
            contentType: body.contentType,
            step: step,
            idempotent: false,
            accept: { $0 == 200 || $0 == 201 },
            decode: { $0 },
            verify: {
                try await keystore(userPath: userPath).contains(alias: alias) ? ServiceResponse(status: 200) : nil
            }
        )
        guard try await keystore(userPath: userPath).contains(alias: alias) else {
            throw ServiceError(
                code: .invalidResponse, step: step, service: .aem, method: "POST", path: "\(userPath).ks.html",
                detail: "AEM accepted the key but the keystore does not list alias '\(alias)'"
            )
        }
    }

    /// Removes `alias` from the keystore (`removeAlias`, aem.md §1.7).
    public func removeKeystoreAlias(userPath: String, alias: String) async throws {
        var form = FormBody()
        form.append("removeAlias", alias)
        try await postForm(
            "\(userPath).ks.html", form: form, step: "removing key '\(alias)' from the keystore of '\(userPath)'",
            idempotent: true)
    }
}

/// Decodes a `Decodable` from an already-parsed ``JSONValue``.
enum JSONDecoderBridge {
    static func decode<T: Decodable>(_ type: T.Type, from json: JSONValue) throws -> T {
        let data = try JSONEncoder().encode(json)
        return try JSONDecoder().decode(T.self, from: data)
    }
}
