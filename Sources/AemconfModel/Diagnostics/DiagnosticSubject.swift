/// What a diagnostic talks about: the top level, a connection block, a resource, or an object inside one.
///
/// Only its ``description`` reaches users ("target cloud service 'wknd'", "'segmentSync' of target cloud
/// service 'wknd'", "'adobe.console'").
struct DiagnosticSubject: Sendable, Hashable, CustomStringConvertible {
    /// The outermost thing.
    enum Base: Sendable, Hashable {
        /// The top level of a config file.
        case root
        /// A connection block (`aem`, `adobe`).
        case block(String)
        /// A named resource.
        case resource(ResourceKind, String)
    }

    /// The outermost thing.
    var base: Base
    /// The key of a nested object inside `base` (`segmentSync`, `certificate`, `console`), if any.
    var field: String?

    /// The top level of a config file.
    static let root = DiagnosticSubject(base: .root, field: nil)

    /// A nested object of this subject.
    func nested(_ key: String) -> DiagnosticSubject {
        switch base {
        case .root:
            return DiagnosticSubject(base: .block(key), field: nil)
        case .block, .resource:
            return DiagnosticSubject(base: base, field: field.map { "\($0).\(key)" } ?? key)
        }
    }

    /// The subject with its preposition: "at the top level", "in target cloud service 'wknd'".
    var located: String {
        if case .root = base { return "at the top level" }
        return "in \(description)"
    }

    var description: String {
        switch base {
        case .root:
            return "the top level"
        case .block(let name):
            return field.map { "'\(name).\($0)'" } ?? "'\(name)'"
        case .resource(let kind, let name):
            let resource = "\(kind.displayName) '\(name)'"
            return field.map { "'\($0)' of \(resource)" } ?? resource
        }
    }
}
