/// The remote services aemconf talks to; the display name appears in every service error.
public enum ServiceKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The AEM 6.5 author instance.
    case aem = "AEM"
    /// Adobe IMS (token endpoints).
    case ims = "IMS"
    /// The Adobe Developer (I/O) Console API.
    case console = "Developer Console"
    /// The Adobe Target Admin API.
    case target = "Target"

    /// The name used in messages, e.g. `Developer Console`.
    public var description: String { rawValue }
}
