/// A value whose JSON encoding (with sorted keys) is also its ``SandboxJSON`` form, so its answer is written
/// without `JSONEncoder`: Target's audience bodies, written on every list (one per Connect to Target) and read.
protocol SandboxJSONRepresentable: Encodable {
    /// The value as JSON, member for member what its `Encodable` conformance writes.
    var json: SandboxJSON { get }
}
