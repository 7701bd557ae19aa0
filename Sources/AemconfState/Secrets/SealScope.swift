/// The named state a sealed value belongs to: its lineage and workspace are bound into the value's authenticated
/// data, so a value sealed in one state (say `stage`) does not open in another (`prod`), even under the same key.
public struct SealScope: Sendable, Hashable, CustomStringConvertible {
    /// The state's lineage.
    public var lineage: String
    /// The named state (workspace).
    public var workspace: String

    /// Creates a scope.
    public init(lineage: String, workspace: String) {
        self.lineage = lineage
        self.workspace = workspace
    }

    /// The scope of a loaded snapshot.
    public init(_ snapshot: StateSnapshot) {
        self.init(lineage: snapshot.lineage, workspace: snapshot.workspace)
    }

    /// `state 'WORKSPACE' (lineage L)`.
    public var description: String { "state '\(workspace)' (lineage \(lineage))" }
}
