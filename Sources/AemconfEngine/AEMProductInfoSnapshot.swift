import AemconfProviders

/// AEM's product info as read by refresh, passed to the desired-state projection.
public struct AEMProductInfoSnapshot: Sendable {
    /// The info.
    public var info: AEMProductInfo

    /// Wraps `info`.
    public init(_ info: AEMProductInfo) {
        self.info = info
    }
}
