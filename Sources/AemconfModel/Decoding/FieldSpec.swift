import AemconfYAML

/// One key of an object: its name, whether it is required, its shape, and how its value is read into `Model`.
struct FieldSpec<Model>: Sendable {
    /// Reads a (non-null) value node into the model, reporting problems to the context.
    typealias Decode =
        @Sendable (inout Model, _ key: Node, _ value: Node, DiagnosticSubject, inout DecodingContext) -> Void

    /// The key.
    let key: String
    /// Whether the key must be present.
    let isRequired: Bool
    /// The value's shape.
    let kind: FieldKind
    /// Reads the value.
    let decode: Decode

    init(_ key: String, required: Bool = false, kind: FieldKind, decode: @escaping Decode) {
        self.key = key
        self.isRequired = required
        self.kind = kind
        self.decode = decode
    }

    /// Whether the key holds a secret (its misspellings are masked too).
    var isSecret: Bool { kind == .secret }
}

extension FieldSpec {
    static func string(
        _ key: String,
        _ path: WritableKeyPath<Model, String> & Sendable,
        required: Bool = false,
        format: ValueFormat = .text
    ) -> FieldSpec {
        FieldSpec(key, required: required, kind: .string(format)) { model, keyNode, node, subject, context in
            if let value = context.string(node, key: key, subject: subject, format: format) {
                model[keyPath: path] = value
            }
        }
    }

    static func optionalString(
        _ key: String,
        _ path: WritableKeyPath<Model, String?> & Sendable,
        format: ValueFormat = .text
    ) -> FieldSpec {
        FieldSpec(key, kind: .string(format)) { model, keyNode, node, subject, context in
            if let value = context.string(node, key: key, subject: subject, format: format) {
                model[keyPath: path] = value
            }
        }
    }

    static func url(_ key: String, _ path: WritableKeyPath<Model, String> & Sendable, required: Bool = false)
        -> FieldSpec
    {
        FieldSpec(key, required: required, kind: .string(.url)) { model, keyNode, node, subject, context in
            if let value = context.string(node, key: key, subject: subject, format: .url) {
                model[keyPath: path] = value.hasSuffix("/") ? String(value.dropLast()) : value
            }
        }
    }

    static func optionalURL(_ key: String, _ path: WritableKeyPath<Model, String?> & Sendable) -> FieldSpec {
        FieldSpec(key, kind: .string(.url)) { model, keyNode, node, subject, context in
            if let value = context.string(node, key: key, subject: subject, format: .url) {
                model[keyPath: path] = value.hasSuffix("/") ? String(value.dropLast()) : value
            }
        }
    }

    static func boolean(_ key: String, _ path: WritableKeyPath<Model, Bool> & Sendable) -> FieldSpec {
        FieldSpec(key, kind: .boolean) { model, keyNode, node, subject, context in
            if let value = context.boolean(node, key: key, subject: subject) { model[keyPath: path] = value }
        }
    }

    static func integer(
        _ key: String,
        _ path: WritableKeyPath<Model, Int> & Sendable,
        range: ClosedRange<Int>,
        required: Bool = false
    ) -> FieldSpec {
        FieldSpec(key, required: required, kind: .integer) { model, keyNode, node, subject, context in
            if let value = context.integer(node, key: key, subject: subject, range: range) {
                model[keyPath: path] = value
            }
        }
    }

    static func optionalInteger(_ key: String, _ path: WritableKeyPath<Model, Int?> & Sendable, range: ClosedRange<Int>)
        -> FieldSpec
    {
        FieldSpec(key, kind: .integer) { model, keyNode, node, subject, context in
            if let value = context.integer(node, key: key, subject: subject, range: range) {
                model[keyPath: path] = value
            }
        }
    }

    static func enumeration<E: ConfigEnumeration>(_ key: String, _ path: WritableKeyPath<Model, E> & Sendable)
        -> FieldSpec
    {
        FieldSpec(key, kind: .enumeration(E.allowedValues)) { model, keyNode, node, subject, context in
            if let value = context.enumeration(node, key: key, subject: subject, as: E.self) {
                model[keyPath: path] = value
            }
        }
    }

    static func stringList(
        _ key: String,
        _ path: WritableKeyPath<Model, [String]> & Sendable,
        format: ValueFormat = .text,
        nonEmpty: Bool = false
    ) -> FieldSpec {
        FieldSpec(key, kind: .stringList) { model, keyNode, node, subject, context in
            guard let values = context.stringList(node, key: key, subject: subject, format: format) else { return }
            if nonEmpty, values.isEmpty {
                context.report(.emptyList(key, in: subject, at: node.location))
            }
            model[keyPath: path] = values
        }
    }

    static func secret(
        _ key: String, _ path: WritableKeyPath<Model, SecretReference> & Sendable, required: Bool = false
    )
        -> FieldSpec
    {
        FieldSpec(key, required: required, kind: .secret) { model, keyNode, node, subject, context in
            if let value = context.secret(node, key: key, subject: subject) { model[keyPath: path] = value }
        }
    }

    static func optionalSecret(_ key: String, _ path: WritableKeyPath<Model, SecretReference?> & Sendable) -> FieldSpec
    {
        FieldSpec(key, kind: .secret) { model, keyNode, node, subject, context in
            if let value = context.secret(node, key: key, subject: subject) { model[keyPath: path] = value }
        }
    }

    static func reference(
        _ key: String,
        _ path: WritableKeyPath<Model, ResourceReference> & Sendable,
        kind: ResourceKind,
        required: Bool = false
    ) -> FieldSpec {
        FieldSpec(key, required: required, kind: .reference(kind)) { model, keyNode, node, subject, context in
            if let value = context.reference(node, key: key, subject: subject, kind: kind) {
                model[keyPath: path] = value
            }
        }
    }

    static func optionalReference(
        _ key: String,
        _ path: WritableKeyPath<Model, ResourceReference?> & Sendable,
        kind: ResourceKind
    ) -> FieldSpec {
        FieldSpec(key, kind: .reference(kind)) { model, keyNode, node, subject, context in
            if let value = context.reference(node, key: key, subject: subject, kind: kind) {
                model[keyPath: path] = value
            }
        }
    }

    static func dependsOn(_ path: WritableKeyPath<Model, [ResourceReference]> & Sendable) -> FieldSpec {
        FieldSpec("dependsOn", kind: .addressList) { model, keyNode, node, subject, context in
            if let value = context.addressList(node, key: "dependsOn", subject: subject) {
                model[keyPath: path] = value
            }
        }
    }

    /// A nested object, decoded with `schema` starting from `initial`.
    static func object<Nested>(
        _ key: String,
        _ path: WritableKeyPath<Model, Nested?> & Sendable,
        schema: ObjectSchema<Nested>,
        initial: Nested,
        required: Bool = false
    ) -> FieldSpec where Nested: Sendable {
        FieldSpec(key, required: required, kind: .object(schema.definition)) { model, keyNode, node, subject, context in
            var nested = initial
            if schema.decode(node, into: &nested, subject: subject.nested(key), anchor: keyNode, context: &context) {
                model[keyPath: path] = nested
            }
        }
    }

    /// A nested object that always exists (defaults in place), decoded with `schema` in place.
    /// An optional nested object: absent stays `nil`; present is decoded into `make()`'s value.
    static func optionalNested<Nested>(
        _ key: String,
        _ path: WritableKeyPath<Model, Nested?> & Sendable,
        schema: ObjectSchema<Nested>,
        make: @escaping @Sendable () -> Nested
    ) -> FieldSpec where Nested: Sendable {
        FieldSpec(key, kind: .object(schema.definition)) { model, keyNode, node, subject, context in
            var value = model[keyPath: path] ?? make()
            _ = schema.decode(node, into: &value, subject: subject.nested(key), anchor: keyNode, context: &context)
            model[keyPath: path] = value
        }
    }

    static func nested<Nested>(
        _ key: String,
        _ path: WritableKeyPath<Model, Nested> & Sendable,
        schema: ObjectSchema<Nested>,
        required: Bool = false
    ) -> FieldSpec where Nested: Sendable {
        FieldSpec(key, required: required, kind: .object(schema.definition)) { model, keyNode, node, subject, context in
            _ = schema.decode(
                node, into: &model[keyPath: path], subject: subject.nested(key), anchor: keyNode, context: &context)
        }
    }
}
