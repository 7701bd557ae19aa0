/// Audience bodies as ``SandboxJSON``: written with sorted keys, as `JSONEncoder` with `.sortedKeys` writes them.
extension TargetAudienceOperation.ListItem: SandboxJSONRepresentable {
    var json: SandboxJSON {
        var members: [String: SandboxJSON] = [
            "id": .integer(id), "name": .string(name), "origin": .string(origin), "modifiedAt": .string(modifiedAt),
            "workspace": .string(workspace),
        ]
        if let description { members["description"] = .string(description) }
        return .object(members)
    }
}

extension TargetAudienceOperation.Full: SandboxJSONRepresentable {
    var json: SandboxJSON {
        var members: [String: SandboxJSON] = [
            "id": .integer(id), "name": .string(name), "origin": .string(origin), "createdAt": .string(createdAt),
            "modifiedAt": .string(modifiedAt), "workspace": .string(workspace),
        ]
        if let description { members["description"] = .string(description) }
        if let targetRule { members["targetRule"] = targetRule }
        if let audienceRule { members["audienceRule"] = audienceRule }
        return .object(members)
    }
}

extension TargetAudienceOperation.List: SandboxJSONRepresentable {
    var json: SandboxJSON {
        .object([
            "offset": .integer(Int64(offset)), "limit": .integer(Int64(limit)), "total": .integer(Int64(total)),
            "audiences": .array(audiences.map(\.json)),
        ])
    }
}
