import AemconfModel

extension AEMClient {
    /// The page path of the Target cloud service `name`.
    public static func targetCloudServicePath(_ name: String) -> String {
        "\(ServiceAssumptions.targetCloudServiceRoot)/\(name)"
    }

    /// Creates the cloud-service page with the Target template (aem.md §4.1).
    public func createTargetCloudService(name: String, title: String) async throws {
        try await createPage(
            parentPath: ServiceAssumptions.targetCloudServiceRoot,
            label: name,
            title: title,
            template: ServiceAssumptions.targetCloudServiceTemplate
        )
    }

    /// Writes the given fields on the page's `jcr:content`, with names from the discovered dialog (aem.md §4.2).
    public func setTargetCloudServiceProperties(
        name: String,
        title: String? = nil,
        values: [TargetCloudServiceField: TargetFieldValue]
    ) async throws {
        let names = try await discoverTargetFieldNames()
        var properties: [SlingProperty] = []
        if let title { properties.append(SlingProperty("jcr:title", .string(title))) }
        for field in TargetCloudServiceField.allCases {
            guard let value = values[field] else { continue }
            let property = names.name(of: field)
            switch value {
            case .string(let text):
                properties.append(SlingProperty(property, .string(text)))
            case .bool(let flag):
                if !flag { properties.append(SlingProperty(property, .delete)) }
                properties.append(SlingProperty(property, .bool(flag)))
            }
        }
        try await setProperties(
            "\(Self.targetCloudServicePath(name))/jcr:content",
            properties: properties,
            step: "setting properties of Target cloud service '\(name)'"
        )
    }

    /// Reads the page's `jcr:content` properties; `nil` when the cloud service does not exist (aem.md §4.3).
    public func readTargetCloudService(name: String) async throws -> [String: JSONValue]? {
        try await readJSON(
            "\(Self.targetCloudServicePath(name))/jcr:content", step: "reading Target cloud service '\(name)'")?
            .objectValue
    }

    /// The fields of the cloud service, keyed by field via the discovered names.
    public func readTargetCloudServiceFields(name: String) async throws -> [TargetCloudServiceField: JSONValue]? {
        guard let properties = try await readTargetCloudService(name: name) else { return nil }
        let names = try await discoverTargetFieldNames()
        var fields: [TargetCloudServiceField: JSONValue] = [:]
        for field in TargetCloudServiceField.allCases {
            if let value = properties[names.name(of: field)] { fields[field] = value }
        }
        return fields
    }

    /// Deletes the cloud-service page.
    public func deleteTargetCloudService(name: String) async throws {
        try await deletePage(Self.targetCloudServicePath(name))
    }

    /// Uploads a custom `at.js` / `mbox.js` to `<config>/jcr:content/public/<file>` (aem.md §4.2; field name [U]).
    public func uploadTargetClientLibrary(name: String, fileName: String, contents: [UInt8]) async throws {
        var body = MultipartBody()
        body.appendFile("./\(fileName)", filename: fileName, contentType: "application/javascript", data: contents)
        body.append("_charset_", "utf-8")
        _ = try await mutate(
            path: "\(Self.targetCloudServicePath(name))/jcr:content/public",
            body: body.encoded,
            contentType: body.contentType,
            step: "uploading '\(fileName)' to Target cloud service '\(name)'",
            idempotent: true,
            accept: { $0 == 200 || $0 == 201 },
            decode: { $0 }
        )
    }

    /// The custom `at.js` / `mbox.js` stored under the page (the raw `nt:file`); `nil` when there is none.
    public func readTargetClientLibrary(name: String, fileName: String) async throws -> [UInt8]? {
        let path = "\(Self.targetCloudServicePath(name))/jcr:content/public/\(fileName)"
        let step = "reading '\(fileName)' of Target cloud service '\(name)'"
        let request = ServiceRequest(method: .GET, path: path, authorization: await authorization())
        let response = try await client.send(request, step: step, accept: { (200..<300).contains($0) || $0 == 404 })
        return response.status == 404 ? nil : Array(response.body)
    }

    /// The result of AEM's "Connect to Target".
    public struct TargetConnectResult: Sendable, Equatable {
        /// Whether AEM reported `{"success": true}`.
        public var success: Bool
        /// AEM's error message, if any.
        public var message: String?
    }

    /// `POST /libs/cq/analytics/testandtarget/command` with `cmd=connect` (aem.md §5; IMS field names [U]).
    public func connectTarget(clientCode: String, tenantID: String?, imsConfigurationID: String?) async throws
        -> TargetConnectResult
    {
        var form = FormBody()
        form.append("cmd", "connect")
        form.append("clientcode", clientCode)
        if let tenantID { form.append(ServiceAssumptions.connectTenantField, tenantID) }
        if let imsConfigurationID { form.append(ServiceAssumptions.connectIMSConfigurationField, imsConfigurationID) }
        form.append("_charset_", "utf-8")
        let response = try await postForm(
            "/libs/cq/analytics/testandtarget/command",
            form: form,
            step: "connecting AEM to Target with client code '\(clientCode)'",
            idempotent: true
        )
        let json = try? response.decode(JSONValue.self)
        if json?["success"]?.boolValue == true { return TargetConnectResult(success: true, message: nil) }
        let message = json?["error"]?.stringValue.map { client.environment.redactor.scrub($0) }
        return TargetConnectResult(success: false, message: message ?? "Connection failed for unknown reason.")
    }
}
