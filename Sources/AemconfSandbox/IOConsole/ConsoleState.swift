/// The IOConsole slice of the sandbox state (placeholder; the IOConsole emulator fills it in).
public struct ConsoleState: Codable, Sendable {
    /// Creates an empty slice.
    public init() {}
}
