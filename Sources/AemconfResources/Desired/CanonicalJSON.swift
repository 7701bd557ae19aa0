import AemconfModel
import AemconfState

/// Canonical JSON text, as state stores it (``JSONDocument``): equal values give equal bytes.
enum CanonicalJSON {
    static func text<Value: Encodable>(_ value: Value) -> String {
        (try? JSONDocument(encoding: value))?.text ?? "null"
    }

    /// A JSON value's text with ``CanonicalJSONWriter``: the same bytes as `JSONEncoder` (the writer's tests pin
    /// it), without `Encoder` containers; the plan's config digest writes every desired attribute this way.
    static func text(_ value: JSONValue) -> String {
        JSONDocument(writing: value).text
    }

    /// `null` for `nil`, as `JSONEncoder` writes a top-level `nil`.
    static func text(_ value: JSONValue?) -> String {
        value.map { text($0) } ?? "null"
    }
}
