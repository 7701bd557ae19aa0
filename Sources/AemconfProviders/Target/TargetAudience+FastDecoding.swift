import AemconfModel

// Fast decoders (``ServiceResponse/decode(_:fast:)``): each reads what the synthesized `Decodable` init reads, or
// throws for JSONDecoder to decide. `FastDecodingTests` compares them with JSONDecoder.

extension TargetAudience {
    /// Reads an audience as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        var audience = Self(
            id: try fields.optionalInteger("id", as: Int64.self),
            name: try fields.string("name"),
            description: try fields.optionalString("description"),
            targetRule: fields.optionalJSON("targetRule"),
            audienceRule: fields.optionalJSON("audienceRule"),
            workspace: try fields.optionalString("workspace")
        )
        audience.origin = try fields.optionalString("origin")
        audience.type = try fields.optionalString("type")
        audience.modifiedAt = try fields.optionalString("modifiedAt")
        return audience
    }
}

extension TargetClient.AudiencePage {
    /// Reads a page of audiences as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        return Self(
            total: try fields.optionalInteger("total", as: Int.self),
            audiences: try fields.array("audiences", TargetAudience.fast),
            offset: try fields.optionalInteger("offset", as: Int.self)
        )
    }
}
