import Foundation

/// `POST /_sandbox/aem/properties`: set or remove properties of a live AEM node (drift).
///
/// Values: a string, a number (Long if whole, else Double), a boolean, an array of strings, or
/// `null` to remove the property. Binary file contents are changed with
/// `{"path": "<file>/jcr:content", "properties": {"jcr:data": {"binary": "<text>"}}}`.
struct SandboxAEMPropertyChange: Decodable {
    var path: String
    var properties: [String: Value]

    enum Value: Decodable {
        case value(AEMValue)
        case remove

        private struct BinaryText: Decodable { var binary: String }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .remove
            } else if let bool = try? container.decode(Bool.self) {
                self = .value(.boolean(bool))
            } else if let long = try? container.decode(Int64.self) {
                self = .value(.long(long))
            } else if let double = try? container.decode(Double.self) {
                self = .value(.double(double))
            } else if let string = try? container.decode(String.self) {
                self = .value(.string(string))
            } else if let strings = try? container.decode([String].self) {
                self = .value(.strings(strings))
            } else {
                self = .value(.binary(Data(try container.decode(BinaryText.self).binary.utf8)))
            }
        }
    }

    /// Applies the change; `false` when the node does not exist.
    func apply(to aem: inout AEMState) -> Bool {
        guard aem.exists(path) else { return false }
        for (name, value) in properties {
            switch value {
            case .remove: aem.setProperty(name, nil, at: path)
            case .value(let value): aem.setProperty(name, value, at: path)
            }
        }
        return true
    }
}
