import AemconfModel

/// The per-run AEM session state: the login-token cookie (if form login is used) and the CSRF token.
actor AEMSession {
    private(set) var loginToken: Secret?
    private(set) var csrfToken: Secret?
    private(set) var csrfFetches = 0

    func setLoginToken(_ token: Secret?) { loginToken = token }

    func setCSRFToken(_ token: Secret?) {
        csrfToken = token
        if token != nil { csrfFetches += 1 }
    }
}
