import AemconfYAML

/// Every object of the config language: its keys, their shapes, and the checks across keys.
///
/// This is the model's single list of accepted keys. `schemas/aemconf.schema.json` is checked against
/// ``objects`` by a test, so the two cannot drift apart.
public enum ConfigSchema {
    /// Every object the config language has, the top level (`root`) first.
    public static var objects: [ObjectDescription] {
        [
            root.description, aem.description, adobe.description, console.description, endpoints.description,
            ioIntegration.description, certificate.description, imsConfiguration.description,
            targetCloudService.description, segmentSync.description,
        ]
    }

    // MARK: top level

    static let root = ObjectSchema<ConfigDraft>(
        "root",
        allowsExtensionKeys: true,
        fields: [
            FieldSpec("version", required: true, kind: .integer) { draft, _, node, subject, context in
                guard let value = context.integer(node, key: "version", subject: subject, range: Int.min...Int.max)
                else {
                    return
                }
                if value != Config.currentVersion {
                    context.report(.unsupportedVersion(String(value), at: node.location))
                }
                draft.version = value
            },
            block("aem", \.aem, schema: aem) { location in
                AemConnection(url: "", username: "", password: .placeholder, location: location)
            },
            block("adobe", \.adobe, schema: adobe) { location in
                AdobeSettings(imsOrg: "", console: nil, location: location)
            },
        ] + resourceCollections.map(\.field)
    )

    /// A connection block that may be written once across all files.
    private static func block<Block: Sendable>(
        _ key: String,
        _ path: WritableKeyPath<ConfigDraft, Block?> & Sendable,
        schema: ObjectSchema<Block>,
        make: @escaping @Sendable (SourceLocation) -> Block
    ) -> FieldSpec<ConfigDraft> {
        FieldSpec(key, kind: .object(schema.definition)) { draft, keyNode, node, subject, context in
            if let first = draft.blockLocation(path) {
                context.report(.duplicateBlock(key, firstAt: first, at: keyNode.location))
                return
            }
            var block = make(keyNode.location)
            schema.decode(node, into: &block, subject: subject.nested(key), anchor: keyNode, context: &context)
            draft[keyPath: path] = block
        }
    }

    // MARK: connection blocks

    static let aem = ObjectSchema<AemConnection>(
        "aem",
        fields: [
            .url("url", \.url, required: true),
            .string("username", \.username, required: true),
            .secret("password", \.password, required: true),
        ]
    )

    static let adobe = ObjectSchema<AdobeSettings>(
        "adobe",
        fields: [
            .string("imsOrg", \.imsOrg, required: true, format: .orgID),
            .optionalNested("console", \.console, schema: console) {
                ConsoleSettings(token: .placeholder, project: "")
            },
            .nested("endpoints", \.endpoints, schema: endpoints),
        ]
    )

    static let console = ObjectSchema<ConsoleSettings>(
        "console",
        fields: [
            .secret("token", \.token, required: true),
            .string("project", \.project, required: true, format: .consoleName),
            .string("workspace", \.workspace, format: .consoleName),
        ]
    )

    static let endpoints = ObjectSchema<AdobeEndpoints>(
        "endpoints",
        fields: [
            .url("ims", \.ims),
            .url("console", \.console),
            .url("target", \.target),
        ]
    )

    // MARK: resources

    static let ioIntegration = ObjectSchema<IOIntegration>(
        "ioIntegration",
        fields: [
            .string("name", \.integrationName, required: true, format: .consoleName),
            .optionalString("description", \.description),
            .enumeration("credential", \.credential),
            .enumeration("api", \.api),
            .stringList("productProfiles", \.productProfiles, nonEmpty: true),
            .object("certificate", \.certificate, schema: certificate, initial: CertificateSpec(alias: "")),
            .optionalInteger("rotateSecretEveryDays", \.rotateSecretEveryDays, range: 1...3650),
            .dependsOn(\.dependsOn),
        ],
        rules: { integration, marks, subject, context in
            if integration.credential == .jwt {
                let credentialLocation = marks.value("credential") ?? integration.location
                context.report(.deprecatedJWT(in: subject, at: credentialLocation))
                if !marks.has("certificate") {
                    context.report(.missingCertificate(in: subject, at: credentialLocation))
                }
                if let location = marks.key("rotateSecretEveryDays") {
                    context.report(.secretRotationWithoutOAuth(in: subject, at: location))
                }
            } else if let location = marks.key("certificate") {
                context.report(.certificateWithoutJWT(in: subject, credential: integration.credential, at: location))
            }
            if let node = marks.valueNode("name") {
                context.claimUnique(
                    integration.integrationName, namespace: .integrationName, key: "name", subject: subject,
                    at: .node(node))
            }
        }
    )

    static let certificate = ObjectSchema<CertificateSpec>(
        "certificate",
        fields: [
            .string("alias", \.alias, required: true, format: .name),
            .integer("validityDays", \.validityDays, range: 1...365),
            .integer("renewBeforeDays", \.renewBeforeDays, range: 0...364),
        ],
        rules: { certificate, marks, subject, context in
            if certificate.renewBeforeDays >= certificate.validityDays,
                let location = marks.value("renewBeforeDays") ?? marks.value("validityDays")
            {
                context.report(
                    .renewalNotBeforeExpiry(
                        in: subject, renew: certificate.renewBeforeDays, validity: certificate.validityDays,
                        at: location)
                )
            }
            if let node = marks.valueNode("alias") {
                context.claimUnique(
                    certificate.alias, namespace: .certificateAlias, key: "alias", subject: subject, at: .node(node))
            }
        }
    )

    static let imsConfiguration = ObjectSchema<IMSConfiguration>(
        "imsConfiguration",
        fields: [
            .string("title", \.title, required: true),
            .enumeration("cloudSolution", \.cloudSolution),
            .optionalURL("authorizationServer", \.authorizationServer),
            .optionalReference("integration", \.integration, kind: .ioIntegration),
            .optionalString("clientId", \.clientId),
            .optionalSecret("clientSecret", \.clientSecret),
            .stringList("scopes", \.scopes),
            .dependsOn(\.dependsOn),
        ],
        rules: { configuration, marks, subject, context in
            let hasClientId = marks.has("clientId")
            let hasClientSecret = marks.has("clientSecret")
            if marks.has("integration") {
                if hasClientId || hasClientSecret, let location = marks.key(hasClientId ? "clientId" : "clientSecret") {
                    context.report(
                        .conflictingKeys(
                            "integration",
                            hasClientId ? "clientId" : "clientSecret",
                            in: subject,
                            reason:
                                "use 'integration' for a credential aemconf manages, or 'clientId' with 'clientSecret' for one managed elsewhere",
                            at: location
                        )
                    )
                }
                if let location = marks.key("scopes") {
                    context.report(
                        .keyIgnored(
                            "scopes", in: subject, because: "because the scopes come from 'integration'", at: location))
                }
            } else if !hasClientId, !hasClientSecret {
                context.report(.missingCredential(in: subject, at: configuration.location))
            } else if hasClientId, !hasClientSecret, let location = marks.key("clientId") {
                context.report(.requiresKey("clientId", needs: "clientSecret", in: subject, at: location))
            } else if hasClientSecret, !hasClientId, let location = marks.key("clientSecret") {
                context.report(.requiresKey("clientSecret", needs: "clientId", in: subject, at: location))
            }
        }
    )

    static let targetCloudService = ObjectSchema<TargetCloudService>(
        "targetCloudService",
        fields: [
            .string("title", \.title, required: true),
            .optionalString("name", \.pageName, format: .name),
            .string("template", \.template, format: .repositoryPath),
            .string("clientCode", \.clientCode, required: true, format: .identifier),
            .optionalString("tenantId", \.tenantId, format: .identifier),
            .enumeration("authentication", \.authentication),
            .reference("imsConfiguration", \.imsConfiguration, kind: .imsConfiguration, required: true),
            .enumeration("apiType", \.apiType),
            .optionalString("a4tAnalyticsConfiguration", \.a4tAnalyticsConfiguration, format: .repositoryPath),
            .boolean("accurateTargeting", \.accurateTargeting),
            .object("segmentSync", \.segmentSync, schema: segmentSync, initial: SegmentSync()),
            .enumeration("clientLibrary", \.clientLibrary),
            .enumeration("tagManagement", \.tagManagement),
            FieldSpec("customAtJs", kind: .string(.text)) { service, _, node, subject, context in
                guard let path = context.string(node, key: "customAtJs", subject: subject) else { return }
                let resolved = DecodingContext.resolve(path, relativeTo: node.mark.file)
                if !context.fileExists(resolved) {
                    context.report(.missingReferencedFile(path, key: "customAtJs", in: subject, at: node.location))
                }
                service.customAtJs = resolved
            },
            .dependsOn(\.dependsOn),
        ],
        rules: { service, marks, subject, context in
            if let location = marks.key("customAtJs") {
                if service.clientLibrary != .atJs {
                    context.report(
                        .customAtJsNeedsAtJs(in: subject, clientLibrary: service.clientLibrary, at: location))
                } else if service.tagManagement != .none {
                    context.report(.customAtJsIgnored(in: subject, tagManagement: service.tagManagement, at: location))
                }
            }
            if service.clientLibrary == .mboxJs, let location = marks.value("clientLibrary") {
                context.report(.deprecatedValue("mbox.js", for: "clientLibrary", in: subject, at: location))
            }
            if service.tagManagement == .dtm, let location = marks.value("tagManagement") {
                context.report(.deprecatedValue("dtm", for: "tagManagement", in: subject, at: location))
            }
            if service.apiType == .rest, !marks.has("segmentSync") {
                context.report(.restWithoutSegmentSync(in: subject, at: service.location))
            }
            if let node = marks.valueNode("name") ?? marks.valueNode("title") {
                context.claimUnique(
                    service.effectivePageName, namespace: .pageName, key: "name", subject: subject, at: .node(node))
            }
        }
    )

    static let segmentSync = ObjectSchema<SegmentSync>(
        "segmentSync",
        fields: [
            .enumeration("mode", \.mode),
            .stringList("workspaces", \.workspaces, nonEmpty: true),
            .stringList("include", \.include),
            .stringList("exclude", \.exclude),
            .optionalString("root", \.root, format: .repositoryPath),
            .boolean("prune", \.prune),
            .integer("maxDeletes", \.maxDeletes, range: 0...Int.max),
            .integer("fullResyncEveryDays", \.fullResyncEveryDays, range: 1...3650),
        ],
        rules: { sync, marks, subject, context in
            guard sync.mode == .aem else { return }
            for key in ["workspaces", "include", "exclude", "root", "prune", "maxDeletes", "fullResyncEveryDays"] {
                if let location = marks.key(key) {
                    context.report(
                        .keyIgnored(
                            key, in: subject, because: "because 'mode' is 'aem' (AEM imports every audience itself)",
                            at: location)
                    )
                }
            }
        }
    )
}

extension ConfigDraft {
    /// Where a connection block was first defined.
    func blockLocation<Block>(_ path: KeyPath<ConfigDraft, Block?>) -> SourceLocation? {
        switch self[keyPath: path] {
        case let aem as AemConnection: aem.location
        case let adobe as AdobeSettings: adobe.location
        default: nil
        }
    }
}
