import AemconfYAML
import Foundation

/// Converts our parser's node tree to JSON (YAML 1.2 core schema for plain scalars), so Python's
/// `jsonschema` can check config files against `schemas/aemconf.schema.json`.
enum NodeJSON {
    static func value(_ node: Node) -> Any {
        switch node.content {
        case .mapping(let pairs):
            var object: [String: Any] = [:]
            for pair in pairs {
                if case .scalar(let key) = pair.key.content { object[key.value] = value(pair.value) }
            }
            return object
        case .sequence(let items):
            return items.map(value)
        case .scalar(let scalar):
            guard scalar.style == .plain, node.tag == nil else { return scalar.value }
            switch scalar.value {
            case "", "~", "null", "Null", "NULL": return NSNull()
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default:
                if let integer = Int(scalar.value) { return integer }
                if let number = Double(scalar.value), scalar.value.contains(".") { return number }
                return scalar.value
            }
        }
    }

    static func data(_ node: Node) throws -> Data {
        try JSONSerialization.data(withJSONObject: value(node), options: [.sortedKeys])
    }
}
