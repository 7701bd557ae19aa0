/// One node of the emulated JCR repository: its properties and the ordered names of its children.
public struct AEMNode: Codable, Sendable, Equatable {
    /// Properties by name, including `jcr:primaryType`.
    public var properties: [String: AEMValue]
    /// Child node names in insertion order (JCR orderable children).
    public var children: [String]

    /// Creates a node of `primaryType` with `properties`.
    public init(primaryType: String, properties: [String: AEMValue] = [:], children: [String] = []) {
        var all = properties
        all["jcr:primaryType"] = .string(primaryType)
        self.properties = all
        self.children = children
    }

    /// `jcr:primaryType`.
    public var primaryType: String {
        properties["jcr:primaryType"]?.stringValue ?? "nt:unstructured"
    }
}
