import AemconfTestSupport
import Foundation
import Testing

/// `aemconf doctor` through the built binary against `aemconf sandbox`: every link passes after apply, and each
/// fails, naming its cause, when that cause is injected through the sandbox's admin API.
@Suite(.serialized)
struct DoctorEndToEndTests {
    /// The failed checks of `doctor --json`, by link: their cause codes.
    private func failures(_ sandbox: EndToEndSandbox) async throws -> (
        status: Int32, codes: [String: String], text: String
    ) {
        let result = try await sandbox.aemconf(["doctor", sandbox.config, "--json"])
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result)")
        let checks = try #require(document["checks"] as? [[String: Any]])
        var codes: [String: String] = [:]
        for check in checks where check["passed"] as? Bool == false {
            codes[check["link"] as? String ?? ""] = check["code"] as? String
        }
        #expect((document["passed"] as? Bool) == codes.isEmpty)
        return (result.status, codes, result.standardOutput)
    }

    /// Replaces every credential's `field` in the sandbox's console slice; returns the slice as it was.
    private func editCredentials(_ sandbox: EndToEndSandbox, _ edit: (inout [String: Any]) -> Void) async throws -> Data
    {
        let original = try await sandbox.admin("GET", "state/console")
        var slice = try #require(original.jsonObject)
        var credentials = slice["credentials"] as? [[String: Any]] ?? []
        for index in credentials.indices { edit(&credentials[index]) }
        slice["credentials"] = credentials
        let data = try JSONSerialization.data(withJSONObject: slice)
        let put = try await sandbox.admin("PUT", "state/console", json: String(decoding: data, as: UTF8.self))
        #expect(put.status == 200, "\(put.text)")
        return original.body
    }

    @Test func everyLinkPassesThenFailsWithItsCause() async throws {
        let sandbox = try await EndToEndSandbox.start()
        defer { Task { await sandbox.stop() } }
        // The quick start's tenant id and client code differ on purpose elsewhere; here they are the same.
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "clientCode: wkndclient", with: "clientCode: wknd")
        }
        let a4t = try await HandMadeSetup(sandbox: sandbox).aemForm(
            "/etc/cloudservices/sitecatalyst/wknd/analytics-framework", [("jcr:primaryType", "nt:unstructured")]
        )
        #expect((200..<300).contains(a4t.status), "\(a4t.text)")
        let applied = try await sandbox.apply()
        #expect(applied.status == 0, "\(applied)")

        let healthy = try await sandbox.aemconf(["doctor", sandbox.config, "--no-color"])
        #expect(healthy.status == 0, "\(healthy)")
        for link in ["aem", "ims-token", "ims-reference", "target-read", "tenant", "a4t"] {
            #expect(healthy.standardOutput.contains("pass  \(link)  "), "\(link): \(healthy.standardOutput)")
        }
        #expect(healthy.standardOutput.contains("SP20"))

        // A wrong client secret: the console no longer knows the secret aemconf holds.
        let console = try await editCredentials(sandbox) { credential in
            var secrets = credential["secrets"] as? [[String: Any]] ?? []
            for index in secrets.indices { secrets[index]["value"] = "p8e-rotated-elsewhere" }
            credential["secrets"] = secrets
        }
        var found = try await failures(sandbox)
        #expect(found.status == 1)
        #expect(found.codes["ims-token"] == "ims.wrong-client-secret", "\(found.text)")
        #expect(found.text.contains("secret was rotated or deleted"), "\(found.text)")
        // Apply's Check Health names the same cause.
        let verify = try await sandbox.apply(["--verify"])
        #expect(verify.status == 1)
        #expect(verify.standardError.contains("Check Health failed"), "\(verify.standardError)")
        #expect(verify.standardError.contains("fix: "), "\(verify.standardError)")
        #expect(
            try await sandbox.admin("PUT", "state/console", json: String(decoding: console, as: UTF8.self)).status
                == 200)
        #expect(try await failures(sandbox).codes.isEmpty)

        // A credential without the Target subscription.
        _ = try await editCredentials(sandbox) { $0["subscriptions"] = [Any]() }
        found = try await failures(sandbox)
        #expect(found.status == 1)
        #expect(
            found.codes["ims-token"] == "ims.scope-missing",
            "\(found.text)")
        #expect(found.text.contains("Adobe Target"), "\(found.text)")
        #expect(
            try await sandbox.admin("PUT", "state/console", json: String(decoding: console, as: UTF8.self)).status
                == 200)

        // Tenant id and client code differ.
        let page = "/etc/cloudservices/testandtarget/wknd-target/jcr:content"
        let changed = try await sandbox.admin(
            "POST", "aem/properties", json: #"{"path": "\#(page)", "properties": {"clientcode": "other"}}"#)
        #expect(changed.status == 200, "\(changed.text)")
        found = try await failures(sandbox)
        #expect(found.status == 1)
        #expect(found.codes == ["tenant": "target.tenant-differs"], "\(found.text)")
        _ = try await sandbox.admin(
            "POST", "aem/properties", json: #"{"path": "\#(page)", "properties": {"clientcode": "wknd"}}"#)

        // The A4T configuration named is missing, and 'mode: aem' while AEM's import switch is off.
        let config = try String(contentsOfFile: sandbox.config + "/aemconf.yaml", encoding: .utf8)
        try sandbox.edit("aemconf.yaml") {
            $0.replacingOccurrences(of: "/sitecatalyst/wknd/analytics-framework", with: "/sitecatalyst/none/framework")
                .replacingOccurrences(of: "mode: aemconf", with: "mode: aem")
        }
        found = try await failures(sandbox)
        #expect(found.status == 1)
        #expect(found.codes == ["a4t": "aem.a4t-missing", "segment-import": "aem.segment-import-off"], "\(found.text)")
        try config.write(toFile: sandbox.config + "/aemconf.yaml", atomically: true, encoding: .utf8)

        // The cloud service points at a deleted IMS configuration.
        let nodes = (try await sandbox.dump()["aem"] as? [String: Any])?["nodes"] as? [String: Any] ?? [:]
        let provider = try #require(
            nodes.keys.first {
                $0.hasPrefix("/apps/system/config/com.adobe.granite.auth.oauth.accesstoken.provider")
                    && $0.hasSuffix(".config")
            })
        let encoded =
            provider.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/.-_"))) ?? provider
        #expect(try await sandbox.admin("DELETE", "aem/nodes?path=" + encoded).status == 200)
        found = try await failures(sandbox)
        #expect(found.status == 1)
        #expect(found.codes["ims-reference"] == "aem.ims-reference-broken", "\(found.text)")
        #expect(found.text.contains("deleted"), "\(found.text)")
    }
}
