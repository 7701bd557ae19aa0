/// The Target slice of the sandbox state (placeholder; the Target emulator fills it in).
public struct TargetState: Codable, Sendable {
    /// Creates an empty slice.
    public init() {}
}
