import AemconfModel

/// One property written through the Sling POST servlet, with its type hint (aem.md §0.3).
public struct SlingProperty: Sendable, Equatable {
    /// The value and its JCR type.
    public enum Value: Sendable, Equatable {
        /// `String`.
        case string(String)
        /// `Boolean` (sent with `@TypeHint=Boolean`).
        case bool(Bool)
        /// `Long`.
        case long(Int64)
        /// `String[]` (repeated field with `@TypeHint=String[]`).
        case strings([String])
        /// A secret string, stored encrypted by AEM under `/etc/cloudservices` via `@Encrypted`.
        case encrypted(Secret)
        /// Removes the property (`@Delete`).
        case delete
    }

    /// The property name without `./`.
    public var name: String
    /// The value.
    public var value: Value

    /// Creates a property.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    /// Appends the form fields for this property.
    func append(to form: inout FormBody) {
        let field = "./\(name)"
        switch value {
        case .string(let text):
            form.append(field, text)
            form.append("\(field)@TypeHint", "String")
        case .bool(let flag):
            form.append(field, flag ? "true" : "false")
            form.append("\(field)@TypeHint", "Boolean")
        case .long(let number):
            form.append(field, String(number))
            form.append("\(field)@TypeHint", "Long")
        case .strings(let values):
            for value in values { form.append(field, value) }
            form.append("\(field)@TypeHint", "String[]")
        case .encrypted(let secret):
            secret.withRevealedValue { form.append(field, $0) }
            form.append("\(field)@Encrypted", "true")
        case .delete:
            form.append("\(field)@Delete", "true")
        }
    }
}
