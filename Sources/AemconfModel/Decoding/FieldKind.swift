/// The shape of a config key's value, as the decoder reads it and the JSON Schema must describe it.
enum FieldKind: Sendable, Hashable {
    /// A string (checked against a format).
    case string(ValueFormat)
    /// `true` / `false`.
    case boolean
    /// A whole number.
    case integer
    /// One of a closed set of strings.
    case enumeration([String])
    /// A `${env:…}` / `${file:…}` reference.
    case secret
    /// A list of strings.
    case stringList
    /// The name of a resource of the given kind.
    case reference(ResourceKind)
    /// A list of `<kind>.<name>` addresses.
    case addressList
    /// A nested object described by the named schema definition.
    case object(String)
    /// A mapping of resource names to objects of the named schema definition.
    case resourceMap(String)

    /// The public description of this kind.
    var description: FieldDescription.ValueShape {
        switch self {
        case .string, .reference: .string
        case .boolean: .boolean
        case .integer: .integer
        case .enumeration(let values): .enumeration(values)
        case .secret: .secretReference
        case .stringList, .addressList: .stringList
        case .object(let definition): .object(definition)
        case .resourceMap(let definition): .map(definition)
        }
    }
}
