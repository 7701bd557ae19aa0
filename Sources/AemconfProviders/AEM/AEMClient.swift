import AemconfModel
import Foundation

/// The AEM 6.5 author client: login, CSRF, Sling POST, reads, keystore, IMS configurations,
/// pages, the Target cloud service and connect (aem.md).
///
/// Every mutating request carries the CSRF token, fetched once per run and fetched again after a 403.
/// Writes are read back by callers; response bodies are never trusted beyond the status.
public struct AEMClient: Sendable {
    /// How requests authenticate.
    public enum LoginMode: Sendable, Equatable {
        /// HTTP Basic on every request (aem.md §0.1).
        case basic
        /// Form login once, then the `login-token` cookie.
        case loginToken
    }

    /// The underlying service client.
    public let client: ServiceClient
    let username: String
    let password: Secret
    let loginMode: LoginMode
    let session = AEMSession()
    /// Runtime discovery of the unconfirmed values (aem.md §9), cached for the run.
    public let discovery: AEMDiscovery

    /// Creates a client for the author instance at `baseURL`.
    public init(
        baseURL: String,
        username: String,
        password: Secret,
        environment: ServiceEnvironment,
        loginMode: LoginMode = .basic
    ) {
        environment.redactor.register(password)
        self.client = ServiceClient(service: .aem, baseURL: baseURL, environment: environment)
        self.username = username
        self.password = password
        self.loginMode = loginMode
        self.discovery = AEMDiscovery()
    }

    /// How many CSRF tokens were fetched in this run.
    public var csrfTokensFetched: Int {
        get async { await session.csrfFetches }
    }

    // MARK: - Authentication

    func authorization() async -> ServiceAuthorization {
        if loginMode == .loginToken, let token = await session.loginToken {
            return .cookie(name: "login-token", value: token)
        }
        return .basic(username: username, password: password)
    }

    /// Form login (`j_security_check`); keeps the `login-token` cookie for later requests.
    public func login() async throws {
        var form = FormBody()
        form.append("j_username", username)
        password.withRevealedValue { form.append("j_password", $0) }
        form.append("resource", "/")
        form.append("_charset_", "utf-8")
        form.append("contextPath", "")
        let request = ServiceRequest(
            method: .POST,
            path: "/libs/granite/core/content/login.html/j_security_check",
            headers: Self.formHeaders,
            body: form.encoded,
            idempotent: true
        )
        let step = "logging in to AEM as '\(username)'"
        let response = try await client.send(request, step: step, accept: { $0 == 302 || $0 == 200 })
        let cookies = response.headers["set-cookie"]
        let token = cookies.lazy.compactMap { cookie -> String? in
            guard let first = cookie.split(separator: ";").first else { return nil }
            let pair = first.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == "login-token", !pair[1].isEmpty
            else { return nil }
            return pair[1]
        }.first
        guard response.status == 302, let token else {
            throw client.makeError(
                .unauthorized, request, step: step, response: response, detail: "no login-token cookie")
        }
        let secret = Secret(token)
        client.environment.redactor.register(secret)
        await session.setLoginToken(secret)
    }

    /// The CSRF token, fetched once per run (`GET /libs/granite/csrf/token.json`).
    public func csrfToken(refresh: Bool = false) async throws -> Secret {
        if !refresh, let token = await session.csrfToken { return token }
        let request = ServiceRequest(
            method: .GET, path: "/libs/granite/csrf/token.json", authorization: await authorization())
        let response = try await client.send(request, step: "fetching the AEM CSRF token")
        guard let json = try? response.decode(JSONValue.self), let value = json["token"]?.stringValue else {
            throw client.makeError(
                .invalidResponse, request, step: "fetching the AEM CSRF token", response: response,
                detail: "no token in the answer")
        }
        let token = Secret(value)
        client.environment.redactor.register(token)
        await session.setCSRFToken(token)
        return token
    }

    // MARK: - Requests

    static var formHeaders: HeaderFields {
        var headers = HeaderFields()
        headers.add(name: "Content-Type", value: FormBody.contentType)
        return headers
    }

    /// Sends a mutating request with the CSRF token; after a 403 fetches a new token and sends once more.
    public func mutate<T: Sendable>(
        path: String,
        body: [UInt8],
        contentType: String,
        step: String,
        idempotent: Bool,
        accept: @escaping @Sendable (Int) -> Bool = { (200..<300).contains($0) },
        decode: @escaping @Sendable (ServiceResponse) throws -> T,
        verify: (@Sendable () async throws -> T?)? = nil
    ) async throws -> T {
        var refreshed = false
        while true {
            let token = try await csrfToken(refresh: refreshed)
            var headers = HeaderFields()
            headers.add(name: "Content-Type", value: contentType)
            token.withRevealedValue { headers.add(name: "CSRF-Token", value: $0) }
            let request = ServiceRequest(
                method: .POST,
                path: path,
                headers: headers,
                body: body,
                authorization: await authorization(),
                idempotent: idempotent
            )
            do {
                return try await client.perform(request, step: step, accept: accept, decode: decode, verify: verify)
            } catch let error as ServiceError where error.code == .forbidden && !refreshed {
                // A 403 was rejected by the CSRF filter before anything happened: refresh and send once more.
                refreshed = true
                client.environment.logger.debug(
                    "AEM answered 403; fetching a new CSRF token", metadata: ["path": "\(path)"])
            }
        }
    }

    /// Posts a form (CSRF token added); returns the response.
    @discardableResult
    public func postForm(
        _ path: String,
        form: FormBody,
        step: String,
        idempotent: Bool,
        accept: @escaping @Sendable (Int) -> Bool = { (200..<300).contains($0) },
        verify: (@Sendable () async throws -> ServiceResponse?)? = nil
    ) async throws -> ServiceResponse {
        try await mutate(
            path: path,
            body: form.encoded,
            contentType: FormBody.contentType,
            step: step,
            idempotent: idempotent,
            accept: accept,
            decode: { $0 },
            verify: verify
        )
    }

    /// Reads `path` rendered as JSON (`<path>.json`, `.<depth>.json` or `.infinity.json`); `nil` on 404.
    public func readJSON(_ path: String, depth: Int? = 0, step: String? = nil) async throws -> JSONValue? {
        let selector: String
        switch depth {
        case nil: selector = ".infinity.json"
        case 0?: selector = ".json"
        case let levels?: selector = ".\(levels).json"
        }
        return try await getJSON(path + selector, step: step ?? "reading '\(path)' from AEM")
    }

    /// `GET` of an exact path that answers JSON; `nil` on 404.
    public func getJSON(_ path: String, query: [(name: String, value: String)] = [], step: String) async throws
        -> JSONValue?
    {
        let request = ServiceRequest(method: .GET, path: path, query: query, authorization: await authorization())
        let response = try await client.send(
            request, step: step, accept: { (200..<300).contains($0) || $0 == 404 || $0 == 300 })
        if response.status == 404 { return nil }
        guard let json = try? response.decode(JSONValue.self) else {
            throw client.makeError(
                .invalidResponse, request, step: step, response: response, detail: "the answer is not JSON")
        }
        return json
    }

    // MARK: - Sling POST

    /// Creates or modifies the node at `path` with typed properties (Sling POST, aem.md §0.3).
    public func setProperties(
        _ path: String,
        properties: [SlingProperty],
        primaryType: String? = nil,
        step: String
    ) async throws {
        var form = FormBody()
        if let primaryType { form.append("./jcr:primaryType", primaryType) }
        for property in properties {
            if case .encrypted(let secret) = property.value { client.environment.redactor.register(secret) }
            property.append(to: &form)
        }
        form.append("_charset_", "utf-8")
        // Setting properties to given values can be repeated safely.
        try await postForm(path, form: form, step: step, idempotent: true, accept: { $0 == 200 || $0 == 201 })
    }

    /// Deletes the node at `path` (`:operation=delete`); a missing node counts as deleted.
    public func deleteNode(_ path: String, step: String) async throws {
        var form = FormBody()
        form.append(":operation", "delete")
        try await postForm(
            path, form: form, step: step, idempotent: true, accept: { $0 == 200 || $0 == 204 || $0 == 404 })
    }

    // MARK: - Pages

    /// Creates a page with `/bin/wcmcommand` (`cmd=createPage`); reads back after an ambiguous failure.
    public func createPage(parentPath: String, label: String, title: String, template: String) async throws {
        var form = FormBody()
        form.append("cmd", "createPage")
        form.append("_charset_", "utf-8")
        form.append("parentPath", parentPath)
        form.append("label", label)
        form.append("title", title)
        form.append("template", template)
        let pagePath = "\(parentPath)/\(label)"
        let step = "creating page '\(pagePath)'"
        try await postForm(
            "/bin/wcmcommand",
            form: form,
            step: step,
            idempotent: false,
            verify: {
                try await readJSON(pagePath, step: step) != nil ? ServiceResponse(status: 200) : nil
            }
        )
    }

    /// Deletes a page with `/bin/wcmcommand` (`cmd=deletePage`, `force=true`).
    public func deletePage(_ path: String) async throws {
        var form = FormBody()
        form.append("cmd", "deletePage")
        form.append("_charset_", "utf-8")
        form.append("path", path)
        form.append("force", "true")
        form.append("shallow", "false")
        // A page already gone is deleted: a destroy or delete resumed after a crash between the remote delete and
        // its state commit finds it so.
        try await postForm(
            "/bin/wcmcommand", form: form, step: "deleting page '\(path)'", idempotent: true,
            accept: { (200..<300).contains($0) || $0 == 404 }
        )
    }

    // MARK: - Product info

    /// `GET /system/console/status-productinfo.json`: the product name and version lines (aem.md §9.1).
    public func productInfo() async throws -> AEMProductInfo {
        let step = "reading AEM product information"
        let request = ServiceRequest(
            method: .GET, path: "/system/console/status-productinfo.json", authorization: await authorization())
        let response = try await client.send(request, step: step)
        let lines: [String]
        if let json = try? response.decode(JSONValue.self) {
            lines = json.allStrings
        } else {
            lines = response.text.split(whereSeparator: \.isNewline).map(String.init)
        }
        return AEMProductInfo(lines: lines)
    }
}
