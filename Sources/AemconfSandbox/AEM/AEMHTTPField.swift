import HTTPTypes

/// Header names specific to AEM.
enum AEMHTTPField {
    /// The Granite CSRF token header (aem.md §0.2).
    static let csrfToken: HTTPField.Name = HTTPField.Name("CSRF-Token") ?? .authorization
    /// Sling's `X-Reason` on a failed `j_validate` login.
    static let reason: HTTPField.Name = HTTPField.Name("X-Reason") ?? .server
}
