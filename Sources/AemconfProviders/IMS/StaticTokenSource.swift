import AemconfModel

/// A fixed access token (e.g. the user token for the Developer Console from `aio login`).
public struct StaticTokenSource: AccessTokenSource {
    private let token: Secret

    /// Wraps `token`.
    public init(token: Secret) {
        self.token = token
    }

    /// The token.
    public func accessToken() async throws -> Secret { token }

    /// A fixed token cannot be refreshed; a 401 is reported to the user.
    public func invalidate(_ token: Secret) async {}
}
