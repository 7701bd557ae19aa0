/// One key the config language accepts, as the decoder reads it (for the JSON Schema agreement test,
/// generated docs and editor tooling).
public struct FieldDescription: Sendable, Hashable {
    /// The value's shape.
    public enum ValueShape: Sendable, Hashable {
        /// A string.
        case string
        /// `true` / `false`.
        case boolean
        /// A whole number.
        case integer
        /// One of these strings.
        case enumeration([String])
        /// A `${env:NAME}` / `${file:PATH}` string.
        case secretReference
        /// A list of strings.
        case stringList
        /// A nested object: the named definition.
        case object(String)
        /// Names mapped to objects of the named definition.
        case map(String)
    }

    /// The key.
    public var key: String
    /// Whether the key must be present.
    public var isRequired: Bool
    /// The value's shape.
    public var shape: ValueShape
}

/// One object of the config language (the top level, `aem`, a target cloud service, …).
public struct ObjectDescription: Sendable, Hashable {
    /// The object's name, which is also its `$defs` name in `schemas/aemconf.schema.json` (`root` for the top level).
    public var definition: String
    /// Its keys, in declaration order.
    public var fields: [FieldDescription]
    /// Whether keys starting with `x-` are accepted and ignored (YAML anchors' home).
    public var allowsExtensionKeys: Bool

    /// The accepted keys.
    public var keys: Set<String> { Set(fields.map(\.key)) }
    /// The required keys.
    public var requiredKeys: Set<String> { Set(fields.filter(\.isRequired).map(\.key)) }
}
