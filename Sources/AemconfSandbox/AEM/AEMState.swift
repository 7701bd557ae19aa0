/// The AEM slice of the sandbox state (placeholder; the AEM emulator fills it in).
public struct AEMState: Codable, Sendable {
    /// Creates an empty slice.
    public init() {}
}
