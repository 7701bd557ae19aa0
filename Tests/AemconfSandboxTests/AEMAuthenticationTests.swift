import AemconfSandbox
import AemconfTestSupport
import Foundation
import Testing

/// aem.md §0.1–0.2: Basic auth, the login-token flow, the CSRF token and its 403.
@Suite struct AEMAuthenticationTests {
    @Test func missingCredentialsGet401WithABasicChallenge() async throws {
        let harness = try await SandboxHarness.start()
        let response = try await harness.request(.aem, "GET", "/content.json")
        #expect(response.status == 401)
        #expect(response.header("WWW-Authenticate") == "Basic realm=\"Sling (Development)\"")
        #expect(response.text.contains("401 Unauthorized"))
        try await harness.stop()
    }

    @Test func aWrongPasswordOrUnknownUserGets401() async throws {
        let harness = try await SandboxHarness.start()
        for authorization in [
            SandboxHarness.basic("admin", "wrong"), SandboxHarness.basic("ghost", "admin"), "Basic !!!", "Bearer x",
        ] {
            let response = try await harness.request(
                .aem, "GET", "/content.json", headers: ["Authorization": authorization])
            #expect(response.status == 401)
        }
        // A system user has no password and cannot log in.
        let system = try await harness.request(
            .aem, "GET", "/content.json", headers: ["Authorization": SandboxHarness.basic("authentication-service", "")]
        )
        #expect(system.status == 401)
        try await harness.stop()
    }

    @Test func loginTokenFlowIssuesACookieThatAuthenticates() async throws {
        let harness = try await SandboxHarness.start()
        let login = try await harness.postForm(
            .aem, "/libs/granite/core/content/login.html/j_security_check",
            fields: [
                ("j_username", "admin"), ("j_password", "admin"), ("resource", "/"), ("_charset_", "utf-8"),
                ("contextPath", ""),
            ])
        #expect(login.status == 302)
        let cookie = try #require(login.header("Set-Cookie"))
        #expect(cookie.hasPrefix("login-token="))
        let token = String(cookie.split(separator: ";")[0])
        let read = try await harness.request(.aem, "GET", "/content.json", headers: ["Cookie": token])
        #expect(read.status == 200)
        let forged = try await harness.request(.aem, "GET", "/content.json", headers: ["Cookie": "login-token=forged"])
        #expect(forged.status == 401)
        try await harness.stop()
    }

    @Test func aFailedLoginSetsNoCookie() async throws {
        let harness = try await SandboxHarness.start()
        let login = try await harness.postForm(
            .aem, "/libs/granite/core/content/login.html/j_security_check",
            fields: [
                ("j_username", "admin"), ("j_password", "nope"), ("resource", "/"),
            ])
        #expect(login.status == 302)
        #expect(login.header("Set-Cookie") == nil)
        #expect(login.header("Location")?.contains("j_reason=invalid_login") == true)
        let validate = try await harness.postForm(
            .aem, "/libs/granite/core/content/login.html/j_security_check",
            fields: [
                ("j_username", "admin"), ("j_password", "nope"), ("j_validate", "true"),
            ])
        #expect(validate.status == 403)
        #expect(validate.header("X-Reason") == "invalid_login")
        try await harness.stop()
    }

    @Test func csrfTokenEndpointAnswersAToken() async throws {
        let harness = try await SandboxHarness.start()
        let response = try await harness.request(
            .aem, "GET", "/libs/granite/csrf/token.json", headers: harness.aemAdminHeaders)
        #expect(response.status == 200)
        let token = try #require(response.jsonObject?["token"] as? String)
        #expect(token.split(separator: ".").count == 3)
        #expect(try await harness.request(.aem, "GET", "/libs/granite/csrf/token.json").status == 401)
        try await harness.stop()
    }

    @Test func mutatingRequestsWithoutAValidCSRFTokenGet403() async throws {
        let harness = try await SandboxHarness.start()
        let missing = try await harness.postForm(
            .aem, "/content/a", fields: [("x", "1")], headers: harness.aemAdminHeaders)
        #expect(missing.status == 403)
        #expect(missing.text.contains("<title>403 Forbidden</title>"))
        #expect(missing.text.contains("CSRF token is missing or invalid"))
        var invalid = harness.aemAdminHeaders
        invalid["CSRF-Token"] = "eyJhbGciOiJIUzI1NiJ9.e30.bad"
        #expect(try await harness.postForm(.aem, "/content/a", fields: [("x", "1")], headers: invalid).status == 403)
        for (method, path) in [
            ("PUT", "/content/a"), ("DELETE", "/content"), ("POST", "/bin/wcmcommand"),
            ("POST", "/system/console/configMgr/x"),
        ] {
            let response = try await harness.request(.aem, method, path, headers: harness.aemAdminHeaders)
            #expect(response.status == 403, "\(method) \(path)")
        }
        let afterAll = try await harness.request(.aem, "GET", "/content/a.json", headers: harness.aemAdminHeaders)
        #expect(afterAll.status == 404)
        try await harness.stop()
    }

    @Test func tokenWorksAsHeaderOrFormFieldAndExpires() async throws {
        let harness = try await SandboxHarness.start()
        let token = try await harness.aemCSRFToken()
        var headers = harness.aemAdminHeaders
        headers["CSRF-Token"] = token
        #expect(try await harness.postForm(.aem, "/content/a", fields: [("x", "1")], headers: headers).status == 201)
        let field = try await harness.postForm(
            .aem, "/content/b", fields: [("x", "1"), (":cq_csrf_token", token)], headers: harness.aemAdminHeaders)
        #expect(field.status == 201)
        await harness.sandbox.store.advanceClock(by: 601)
        #expect(try await harness.postForm(.aem, "/content/c", fields: [("x", "1")], headers: headers).status == 403)
        try await harness.stop()
    }

    @Test func lenientModeSkipsNonBrowserClientsOnly() async throws {
        let harness = try await SandboxHarness.start(
            SandboxConfiguration(settings: SandboxSettings(aemStrictCSRF: false)))
        var cli = harness.aemAdminHeaders
        cli["User-Agent"] = "aemconf/1.0"
        #expect(try await harness.postForm(.aem, "/content/a", fields: [("x", "1")], headers: cli).status == 201)
        var browser = harness.aemAdminHeaders
        browser["User-Agent"] = "Mozilla/5.0"
        #expect(try await harness.postForm(.aem, "/content/b", fields: [("x", "1")], headers: browser).status == 403)
        try await harness.stop()
    }

    @Test func productInfoReportsTheConfiguredServicePack() async throws {
        let harness = try await SandboxHarness.start(SandboxConfiguration(aemServicePack: 18))
        let response = try await harness.request(
            .aem, "GET", "/system/console/status-productinfo.json", headers: harness.aemAdminHeaders)
        #expect(response.status == 200)
        let lines = try #require(response.json as? [String])
        #expect(lines.contains("  Adobe Experience Manager (6.5.18.0)"))
        try await harness.stop()
    }
}
