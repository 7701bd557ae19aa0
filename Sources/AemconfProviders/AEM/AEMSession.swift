import AemconfModel

/// The per-run AEM session state: the login-token cookie (if form login is used), the CSRF token, and whether
/// the console was found not to serve configMgr's JSON listing (asked once per run).
actor AEMSession {
    private(set) var loginToken: Secret?
    private(set) var csrfToken: Secret?
    private(set) var csrfFetches = 0
    private(set) var configMgrListUnsupported = false

    func markConfigMgrListUnsupported() { configMgrListUnsupported = true }

    func setLoginToken(_ token: Secret?) { loginToken = token }

    func setCSRFToken(_ token: Secret?) {
        csrfToken = token
        if token != nil { csrfFetches += 1 }
    }
}
