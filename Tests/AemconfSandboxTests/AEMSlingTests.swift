import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// aem.md §0.3–0.5: the Sling POST servlet subset, JSON reads, wcmcommand.
@Suite struct AEMSlingPostTests {
    @Test func createAnswers201ThenModifyAnswers200WithSlingJSON() async throws {
        let harness = try await SandboxHarness.start()
        var headers = try await harness.aemMutatingHeaders()
        headers["Accept"] = "application/json"
        let created = try await harness.postForm(
            .aem, "/content/site", fields: [("jcr:title", "Site")], headers: headers)
        #expect(created.status == 201)
        #expect(created.header("Location") == "/content/site")
        let json = try #require(created.jsonObject)
        #expect(json["status.code"] as? Int == 201)
        #expect(json["isCreate"] as? Bool == true)
        #expect(json["path"] as? String == "/content/site")
        #expect(json["parentLocation"] as? String == "/content")
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.contains { $0["type"] as? String == "created" && $0["argument"] as? String == "/content/site" })
        #expect(
            changes.contains {
                $0["type"] as? String == "modified" && $0["argument"] as? String == "/content/site/jcr:title"
            })

        let modified = try await harness.postForm(
            .aem, "/content/site", fields: [("jcr:title", "Site 2")], headers: headers)
        #expect(modified.status == 200)
        #expect(modified.jsonObject?["isCreate"] as? Bool == false)
        #expect(modified.jsonObject?["title"] as? String == "Content modified /content/site")
        try await harness.stop()
    }

    @Test func answersHTMLUnlessJSONIsAsked() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let html = try await harness.postForm(.aem, "/content/h", fields: [("a", "b")], headers: headers)
        #expect(html.header("Content-Type")?.hasPrefix("text/html") == true)
        #expect(html.text.contains("<div id=\"Status\">201</div>"))
        let viaField = try await harness.postForm(
            .aem, "/content/h", fields: [("a", "c"), (":http-equiv-accept", "application/json")], headers: headers)
        #expect(viaField.jsonObject?["status.code"] as? Int == 200)
        try await harness.stop()
    }

    @Test func typeHintsDeleteAndEmptyValues() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let post = try await harness.postForm(
            .aem, "/content/typed",
            fields: [
                ("flag", "true"), ("flag@TypeHint", "Boolean"),
                ("count", "42"), ("count@TypeHint", "Long"),
                ("tags", "a"), ("tags@TypeHint", "String[]"),
                ("many", "x"), ("many", "y"),
                ("gone", "soon"),
            ], headers: headers)
        #expect(post.status == 201)
        var read = try await harness.request(.aem, "GET", "/content/typed.json", headers: harness.aemAdminHeaders)
        var json = try #require(read.jsonObject)
        #expect(json["flag"] as? Bool == true)
        #expect(json["count"] as? Int == 42)
        #expect(json["tags"] as? [String] == ["a"])
        #expect(json["many"] as? [String] == ["x", "y"])
        #expect(json["jcr:primaryType"] as? String == "nt:unstructured")

        _ = try await harness.postForm(
            .aem, "/content/typed", fields: [("gone@Delete", ""), ("count", "")], headers: headers)
        read = try await harness.request(.aem, "GET", "/content/typed.json", headers: harness.aemAdminHeaders)
        json = try #require(read.jsonObject)
        #expect(json["gone"] == nil)
        #expect(json["count"] == nil)

        let bad = try await harness.postForm(
            .aem, "/content/typed", fields: [("n", "x"), ("n@TypeHint", "Long")], headers: headers)
        #expect(bad.status == 500)
        try await harness.stop()
    }

    @Test func dotSlashFieldsExcludePlainOnesAndColonFieldsAreNeverStored() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        _ = try await harness.postForm(
            .aem, "/content/rel",
            fields: [
                ("./kept", "1"), ("plain", "2"), ("./jcr:content/deep", "3"), (":ignored", "4"), ("_charset_", "utf-8"),
            ], headers: headers)
        let read = try await harness.request(.aem, "GET", "/content/rel.1.json", headers: harness.aemAdminHeaders)
        let json = try #require(read.jsonObject)
        #expect(json["kept"] as? String == "1")
        #expect(json["plain"] == nil)
        #expect(json[":ignored"] == nil)
        #expect(json["_charset_"] == nil)
        #expect((json["jcr:content"] as? [String: Any])?["deep"] as? String == "3")
        try await harness.stop()
    }

    @Test func extensionIsStrippedAndStarGeneratesAName() async throws {
        let harness = try await SandboxHarness.start()
        var headers = try await harness.aemMutatingHeaders()
        headers["Accept"] = "application/json"
        let stripped = try await harness.postForm(.aem, "/content/page.html", fields: [("a", "b")], headers: headers)
        #expect(stripped.jsonObject?["path"] as? String == "/content/page")
        let generated = try await harness.postForm(
            .aem, "/content/*", fields: [("title", "Hello World")], headers: headers)
        #expect(generated.status == 201)
        #expect(generated.jsonObject?["path"] as? String == "/content/hello_world")
        let hinted = try await harness.postForm(
            .aem, "/content/", fields: [(":nameHint", "hint"), ("x", "1")], headers: headers)
        #expect(hinted.jsonObject?["path"] as? String == "/content/hint")
        try await harness.stop()
    }

    @Test func deleteOperation() async throws {
        let harness = try await SandboxHarness.start()
        var headers = try await harness.aemMutatingHeaders()
        headers["Accept"] = "application/json"
        _ = try await harness.postForm(.aem, "/content/doomed", fields: [("a", "b")], headers: headers)
        let deleted = try await harness.postForm(
            .aem, "/content/doomed", fields: [(":operation", "delete")], headers: headers)
        #expect(deleted.status == 200)
        #expect(
            try await harness.request(.aem, "GET", "/content/doomed.json", headers: harness.aemAdminHeaders).status
                == 404)
        let missing = try await harness.postForm(
            .aem, "/content/doomed", fields: [(":operation", "delete")], headers: headers)
        #expect(missing.status == 404)
        #expect((missing.jsonObject?["error"] as? [String: Any])?["message"] != nil)
        #expect((missing.jsonObject?["changes"] as? [Any])?.isEmpty == true)
        try await harness.stop()
    }

    @Test func importOperation() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let content =
            #"{"jcr:primaryType": "sling:Folder", "title": "T", "n": 3, "b": true, "child": {"k": ["x", "y"]}}"#
        let imported = try await harness.postForm(
            .aem, "/content",
            fields: [
                (":operation", "import"), (":contentType", "json"), (":name", "imported"), (":content", content),
            ], headers: headers)
        #expect(imported.status == 200)
        let read = try await harness.request(
            .aem, "GET", "/content/imported.infinity.json", headers: harness.aemAdminHeaders)
        let json = try #require(read.jsonObject)
        #expect(json["jcr:primaryType"] as? String == "sling:Folder")
        #expect(json["n"] as? Int == 3)
        #expect(json["b"] as? Bool == true)
        #expect((json["child"] as? [String: Any])?["k"] as? [String] == ["x", "y"])
        let missingType = try await harness.postForm(
            .aem, "/content", fields: [(":operation", "import"), (":content", content)], headers: headers)
        #expect(missingType.status == 412)
        let noParent = try await harness.postForm(
            .aem, "/nowhere/at/all",
            fields: [
                (":operation", "import"), (":contentType", "json"), (":name", "x"), (":content", content),
            ], headers: headers)
        #expect(noParent.status == 404)
        try await harness.stop()
    }

    @Test func statusBrowserForces200AndUnknownOperationsFail() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let browser = try await harness.postForm(
            .aem, "/content/none", fields: [(":operation", "delete"), (":status", "browser")], headers: headers)
        #expect(browser.status == 200)
        #expect(browser.text.contains("<div id=\"Status\">404</div>"))
        let unknown = try await harness.postForm(
            .aem, "/content", fields: [(":operation", "explode")], headers: headers)
        #expect(unknown.status == 500)
        try await harness.stop()
    }
}

/// aem.md §0.4: `.json`, `.N.json`, `.infinity.json`, `.tidy`, `404`, the `300` overflow, raw files.
@Suite struct AEMGetServletTests {
    @Test func depthSelectors() async throws {
        let harness = try await SandboxHarness.start()
        let depth0 = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget.json", headers: harness.aemAdminHeaders)
        #expect(depth0.status == 200)
        #expect(depth0.jsonObject?["jcr:primaryType"] as? String == "cq:Page")
        #expect(depth0.jsonObject?["jcr:content"] == nil)
        let depth1 = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget.1.json", headers: harness.aemAdminHeaders)
        #expect((depth1.jsonObject?["jcr:content"] as? [String: Any])?["jcr:title"] as? String == "Adobe Target")
        let tidy = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget.tidy.infinity.json", headers: harness.aemAdminHeaders)
        #expect(tidy.text.contains("\n  \""))
        #expect(
            try await harness.request(.aem, "GET", "/etc/nothing.json", headers: harness.aemAdminHeaders).status == 404)
        try await harness.stop()
    }

    @Test func tooManyNodesAnswer300WithLevelURLs() async throws {
        let harness = try await SandboxHarness.start()
        await harness.sandbox.store.mutate { state in
            for index in 0..<30 {
                for child in 0..<10 { state.aem.ensureNode("/content/big/n\(index)/c\(child)") }
            }
        }
        let response = try await harness.request(
            .aem, "GET", "/content/big.infinity.json", headers: harness.aemAdminHeaders)
        #expect(response.status == 300)
        #expect(response.json as? [String] == ["/content/big.1.json", "/content/big.0.json"])
        #expect(
            try await harness.request(.aem, "GET", "/content/big.1.json", headers: harness.aemAdminHeaders).status
                == 200)
        try await harness.stop()
    }

    @Test func targetDialogIsReadableWithItsFieldNames() async throws {
        let harness = try await SandboxHarness.start()
        let response = try await harness.request(
            .aem, "GET", "/libs/cq/analytics/components/testandtargetpage/dialog.infinity.json",
            headers: harness.aemAdminHeaders)
        #expect(response.status == 200)
        for field in ["./clientcode", "./tenantId", "./imsConfigId", "./accurateTargeting", "./syncSegments"] {
            #expect(response.text.contains("\"name\":\"\(field)\""), "dialog field \(field)")
        }
        #expect(response.text.contains("tab1_general"))
        #expect(response.text.contains("a4tAnalyticsConfig"))
        try await harness.stop()
    }
}

/// aem.md §0.5, §4.1: `/bin/wcmcommand` createPage/deletePage and the Target configuration page.
@Suite struct AEMWCMCommandTests {
    @Test func createsTheTargetConfigurationPage() async throws {
        let harness = try await SandboxHarness.start()
        let headers = try await harness.aemMutatingHeaders()
        let fields = [
            ("cmd", "createPage"), ("parentPath", "/etc/cloudservices/testandtarget"), ("label", "wknd"),
            ("title", "WKND Target"), ("template", "/libs/cq/analytics/templates/testandtarget"),
            ("_charset_", "utf-8"),
        ]
        let created = try await harness.postForm(.aem, "/bin/wcmcommand", fields: fields, headers: headers)
        #expect(created.status == 200)
        let content = try await harness.request(
            .aem, "GET", "/etc/cloudservices/testandtarget/wknd/jcr:content.json", headers: harness.aemAdminHeaders)
        #expect(content.jsonObject?["jcr:title"] as? String == "WKND Target")
        #expect(content.jsonObject?["cq:template"] as? String == "/libs/cq/analytics/templates/testandtarget")
        #expect(content.jsonObject?["sling:resourceType"] as? String == "cq/analytics/components/testandtargetpage")
        #expect(content.jsonObject?["jcr:primaryType"] as? String == "cq:PageContent")

        let duplicate = try await harness.postForm(.aem, "/bin/wcmcommand", fields: fields, headers: headers)
        #expect(duplicate.status == 409)
        let orphan = try await harness.postForm(
            .aem, "/bin/wcmcommand", fields: [("cmd", "createPage"), ("parentPath", "/etc/none"), ("label", "x")],
            headers: headers)
        #expect(orphan.status == 404)

        let deleted = try await harness.postForm(
            .aem, "/bin/wcmcommand",
            fields: [
                ("cmd", "deletePage"), ("path", "/etc/cloudservices/testandtarget/wknd"), ("force", "false"),
                ("shallow", "false"),
            ], headers: headers)
        #expect(deleted.status == 200)
        #expect(
            try await harness.request(
                .aem, "GET", "/etc/cloudservices/testandtarget/wknd.json", headers: harness.aemAdminHeaders
            ).status == 404)
        let again = try await harness.postForm(
            .aem, "/bin/wcmcommand",
            fields: [("cmd", "deletePage"), ("path", "/etc/cloudservices/testandtarget/wknd")], headers: headers)
        #expect(again.status == 404)
        try await harness.stop()
    }
}
