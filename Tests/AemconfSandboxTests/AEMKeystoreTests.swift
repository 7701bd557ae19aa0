import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// aem.md §1: the `authentication-service` keystore servlet with real key/certificate parsing.
@Suite struct AEMKeystoreServletTests {
    static let keystore = "/home/users/system/authentication-service"

    @Test func noKeystoreReadsAsExistsFalse() async throws {
        let harness = try await SandboxHarness.start()
        let response = try await harness.request(
            .aem, "GET", Self.keystore + ".ks.json", headers: harness.aemAdminHeaders)
        #expect(response.status == 200)
        #expect(response.jsonObject?["exists"] as? Bool == false)
        #expect(
            try await harness.request(
                .aem, "GET", "/home/users/system/nobody.ks.json", headers: harness.aemAdminHeaders
            ).status == 404)
        try await harness.stop()
    }

    @Test func createStoreThenAddAKeyWithItsCertificate() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let create = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                (":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "pw"),
            ], headers: headers)
        #expect(create.status == 200)
        let again = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                (":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "pw"),
            ], headers: headers)
        #expect(again.status == 409)

        let pair = try AEMTestFixtures.keyPair(commonName: "aemconf-target-prod")
        let added = try await harness.postMultipart(
            .aem, Self.keystore + ".ks.html",
            parts: [
                .field("alias", "target-prod"),
                .file("pk", filename: "key.der", pair.privateKeyDER),
                .file("cert-chain", filename: "cert.crt", pair.certificateDER),
            ], headers: headers)
        #expect(added.status == 200)

        let info = try await harness.request(.aem, "GET", Self.keystore + ".ks.json", headers: harness.aemAdminHeaders)
        let json = try #require(info.jsonObject)
        #expect(json["exists"] as? Bool == true)
        let aliases = try #require(json["aliases"] as? [[String: Any]])
        #expect(aliases.count == 1)
        #expect(aliases[0]["alias"] as? String == "target-prod")
        #expect(aliases[0]["entryType"] as? String == "privateKey")
        #expect(aliases[0]["algorithm"] as? String == "RSA")
        #expect(aliases[0]["format"] as? String == "PKCS#8")
        let chain = try #require(aliases[0]["chain"] as? [[String: Any]])
        #expect((chain.first?["subject"] as? String)?.contains("CN=aemconf-target-prod") == true)
        #expect(chain.first?["notAfter"] is String)
        #expect(chain.first?["serialNumber"] != nil)

        let removed = try await harness.postForm(
            .aem, Self.keystore + ".ks.html", fields: [("removeAlias", "target-prod")], headers: headers)
        #expect(removed.status == 200)
        let unknown = try await harness.postForm(
            .aem, Self.keystore + ".ks.html", fields: [("removeAlias", "target-prod")], headers: headers)
        #expect(unknown.status == 404)
        try await harness.stop()
    }

    @Test func aKeyThatDoesNotMatchTheCertificateIsRefused() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        _ = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                (":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "pw"),
            ], headers: headers)
        let one = try AEMTestFixtures.keyPair()
        let other = try AEMTestFixtures.keyPair()
        let response = try await harness.postMultipart(
            .aem, Self.keystore + ".ks.html",
            parts: [
                .field("alias", "mismatch"),
                .file("pk", filename: "key.der", one.privateKeyDER),
                .file("cert-chain", filename: "cert.crt", other.certificateDER),
            ], headers: headers)
        #expect(response.status == 400)
        #expect(response.text.contains("the private key does not match the certificate"))
        let info = try await harness.request(.aem, "GET", Self.keystore + ".ks.json", headers: harness.aemAdminHeaders)
        #expect((info.jsonObject?["aliases"] as? [Any])?.isEmpty == true)
        try await harness.stop()
    }

    @Test func malformedUploadsAndMissingStoreAreRefused() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let pair = try AEMTestFixtures.keyPair()
        let parts: [SandboxHarness.Part] = [
            .field("alias", "a"), .file("pk", filename: "key.der", pair.privateKeyDER),
            .file("cert-chain", filename: "cert.crt", pair.certificateDER),
        ]
        let noStore = try await harness.postMultipart(.aem, Self.keystore + ".ks.html", parts: parts, headers: headers)
        #expect(noStore.status == 404)
        let mismatch = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                (":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "other"),
            ], headers: headers)
        #expect(mismatch.status == 400)
        _ = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                (":operation", "createStore"), ("newPassword", "pw"), ("rePassword", "pw"),
            ], headers: headers)
        let garbageKey = try await harness.postMultipart(
            .aem, Self.keystore + ".ks.html",
            parts: [
                .field("alias", "a"), .file("pk", filename: "key.der", Data("not a key".utf8)),
                .file("cert-chain", filename: "cert.crt", pair.certificateDER),
            ], headers: headers)
        #expect(garbageKey.status == 400)
        #expect(garbageKey.text.contains("DER PKCS#8"))
        let garbageCert = try await harness.postMultipart(
            .aem, Self.keystore + ".ks.html",
            parts: [
                .field("alias", "a"), .file("pk", filename: "key.der", pair.privateKeyDER),
                .file("cert-chain", filename: "cert.crt", Data("nope".utf8)),
            ], headers: headers)
        #expect(garbageCert.status == 400)
        let wrongPassword = try await harness.postForm(
            .aem, Self.keystore + ".ks.html",
            fields: [
                ("currentPassword", "bad"), ("newPassword", "n"), ("rePassword", "n"),
            ], headers: headers)
        #expect(wrongPassword.status == 403)
        let deleted = try await harness.postForm(
            .aem, Self.keystore + "/keystore/store.p12", fields: [(":operation", "delete")], headers: headers)
        #expect(deleted.status == 200)
        let deletedAgain = try await harness.postForm(
            .aem, Self.keystore + "/keystore/store.p12", fields: [(":operation", "delete")], headers: headers)
        #expect(deletedAgain.status == 403)
        try await harness.stop()
    }
}
