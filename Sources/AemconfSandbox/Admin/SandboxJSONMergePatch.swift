import Foundation

/// JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes a key, anything else replaces.
enum SandboxJSONMergePatch {
    struct NotJSON: Error, CustomStringConvertible {
        var description: String { "the patch is not JSON" }
    }

    static func apply(patch: Data, to target: Data) throws -> Data {
        let patchValue: Any
        let targetValue: Any
        do {
            patchValue = try JSONSerialization.jsonObject(with: patch, options: [.fragmentsAllowed])
            targetValue = try JSONSerialization.jsonObject(with: target, options: [.fragmentsAllowed])
        } catch {
            throw NotJSON()
        }
        let merged = merge(patchValue, into: targetValue)
        return try JSONSerialization.data(withJSONObject: merged, options: [.fragmentsAllowed])
    }

    static func merge(_ patch: Any, into target: Any) -> Any {
        guard let patchObject = patch as? [String: Any] else { return patch }
        var result = (target as? [String: Any]) ?? [:]
        for (key, value) in patchObject {
            if value is NSNull {
                result[key] = nil
            } else {
                result[key] = merge(value, into: result[key] ?? NSNull())
            }
        }
        return result
    }
}
