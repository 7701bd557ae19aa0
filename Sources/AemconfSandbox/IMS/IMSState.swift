/// The IMS slice of the sandbox state (placeholder; the IMS emulator fills it in).
public struct IMSState: Codable, Sendable {
    /// Creates an empty slice.
    public init() {}
}
