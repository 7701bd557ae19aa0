import Foundation
import Hummingbird

/// Answers every AEM request: authentication, CSRF, then the servlet the path selects.
struct AEMResponder: Sendable {
    let store: SandboxStore

    static let loginPath = "/libs/granite/core/content/login.html/j_security_check"
    static let loginPagePath = "/libs/granite/core/content/login.html"

    func respond(to request: Request, context: SandboxRequestContext) async throws -> Response {
        let rawPath = request.uri.path
        let path = SandboxPercentEncoding.removing(rawPath) ?? rawPath
        let method = request.method
        var fields = SandboxForm.urlEncoded(request.uri.query ?? "").fields
        if method == .post || method == .put {
            let buffer = try await request.body.collect(upTo: context.maxUploadSize)
            let body = Data(buffer: buffer)
            if !body.isEmpty, let form = SandboxForm.parse(body: body, contentType: request.headers[.contentType]) {
                fields = form.fields + fields
            }
        }
        let parameters = SandboxForm(fields: fields)

        if method == .post, path == Self.loginPath {
            return await AEMLogin.handle(parameters: parameters, store: store)
        }
        if method == .get, path == Self.loginPagePath {
            return AEMResponses.text(
                "<html><head><title>AEM Sign In</title></head><body><form method=\"POST\" action=\"\(Self.loginPath)\"></form></body></html>",
                contentType: "text/html;charset=utf-8"
            )
        }

        // Only what the checks need leaves the store: a request holding a copy of the repository while others change
        // it would make each of their changes copy the whole repository.
        let (now, settings, outcome, csrfKey) = await store.readWithClock { state, now, settings in
            (now, settings, AEMAuthentication.authenticate(request.headers, in: state.aem, at: now), state.aem.csrfKey)
        }
        let user: AEMUser
        switch outcome {
        case .anonymous, .rejected:
            return AEMResponses.unauthorized()
        case .user(let authenticated):
            user = authenticated
        }
        let aemRequest = AEMRequest(
            method: method, path: path, parameters: parameters, headers: request.headers, user: user)

        if [.post, .put, .delete, .patch].contains(method) {
            let browserLike = request.headers[.userAgent].map { SandboxText.contains($0, "Mozilla") } == true
            if settings.aemStrictCSRF || browserLike {
                let token = request.headers[AEMHTTPField.csrfToken] ?? parameters.value(":cq_csrf_token")
                guard let token, AEMCSRFToken.isValid(token, for: user.id, key: csrfKey, at: now) else {
                    return AEMResponses.errorPage(.forbidden, message: "CSRF token is missing or invalid")
                }
            }
        }

        switch method {
        case .get, .head:
            if AEMConfigManager.isList(aemRequest) {
                return await AEMConfigManager.list(aemRequest, store: store)
            }
            return await store.read { state in Self.get(aemRequest, aem: state.aem, now: now) }
        case .post:
            return try await post(aemRequest, now: now)
        case .delete:
            return await AEMDeleteServlet.handle(aemRequest, store: store)
        default:
            return AEMResponses.errorPage(
                .methodNotAllowed, message: "method '\(method.rawValue)' is not supported for '\(path)'")
        }
    }

    /// A read answered from the repository, in one visit to the store.
    private static func get(_ request: AEMRequest, aem: AEMState, now: Date) -> Response {
        let path = request.path
        if path == "/libs/granite/csrf/token.json" {
            let token = AEMCSRFToken.issue(for: request.user.id, key: aem.csrfKey, at: now)
            return AEMResponses.json(.object([("token", .string(token))]))
        }
        if path == "/system/console/status-productinfo.json" {
            return AEMProductInfo.response(servicePack: aem.servicePack)
        }
        if AEMKeystoreServlet.handles(path) {
            return AEMKeystoreServlet.get(request, aem: aem)
        }
        if path == "/bin/querybuilder.json" {
            return AEMQueryBuilder.search(request, aem: aem)
        }
        return AEMGetServlet.render(request, aem: aem)
    }

    private func post(_ request: AEMRequest, now: Date) async throws -> Response {
        let path = request.path
        if path == "/bin/wcmcommand" {
            return await AEMWCMCommand.handle(request, store: store)
        }
        if path == "/system/console/configMgr" || path.hasPrefix("/system/console/configMgr/") {
            return await AEMConfigManager.handle(request, store: store)
        }
        if path == "/libs/cq/analytics/testandtarget/command" {
            return await AEMTargetCommand.handle(request, store: store)
        }
        if AEMKeystoreServlet.handles(path) {
            return await AEMKeystoreServlet.post(request, store: store)
        }
        return await AEMPostServlet.handle(request, store: store)
    }
}
