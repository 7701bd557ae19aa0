import AemconfModel

// Fast decoders (``ServiceResponse/decode(_:fast:)``): each reads what the synthesized `Decodable` init reads, or
// throws for JSONDecoder to decide. `FastDecodingTests` compares them with JSONDecoder.

extension Console.Integration {
    /// Reads the integration's details as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        return Self(
            id: try fields.consoleID("id"),
            name: try fields.optionalString("name"),
            apikey: try fields.optionalString("apikey"),
            technicalAccountId: try fields.optionalString("technicalAccountId"),
            technicalAccountEmail: try fields.optionalString("technicalAccountEmail"),
            serviceProperties: try fields.optionalArray("serviceProperties", ServiceProperty.fast)
        )
    }
}

extension Console.Integration.ServiceProperty {
    /// Reads a subscribed service as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        return Self(
            sdkCode: try fields.string("sdkCode"),
            scopes: try fields.optionalArray("scopes", JSONFields.string),
            licenseConfigs: try fields.optionalArray("licenseConfigs", Console.LicenseConfig.fast)
        )
    }
}

extension Console.LicenseConfig {
    /// Reads a product profile as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        var config = Self(
            id: try fields.consoleID("id"), name: try fields.string("name"),
            productId: try fields.optionalConsoleID("productId"))
        config.description = try fields.optionalString("description")
        config.selected = try fields.optionalBool("selected")
        return config
    }
}

extension Console.CreatedCredential {
    /// Reads a created credential (an object answer) as the synthesized init does.
    static func fast(_ value: JSONValue) throws -> Self {
        let fields = try JSONFields(value)
        return Self(
            id: try fields.consoleID("id"), apiKey: try fields.string("apiKey"),
            orgId: try fields.optionalConsoleID("orgId"),
            technicalAccountId: try fields.optionalString("technicalAccountId"))
    }
}
