import AemconfModel
import AemconfPlanner
import AemconfProviders
import Crypto
import Foundation

/// Projects a config onto canonical desired attributes: sorted lists, defaults filled in, no source
/// positions, secrets as fingerprints, other resources' outputs as references.
public enum DesiredStateBuilder {
    /// The desired resources of `config`, in document order of kinds.
    public static func build(_ config: Config, context: DesiredStateContext) throws -> [DesiredResource] {
        let integrations = Dictionary(
            config.ioIntegrations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [DesiredResource] = []
        result.reserveCapacity(config.resourceAddresses.count)
        for integration in config.ioIntegrations {
            result.append(desired(integration))
        }
        for configuration in config.imsConfigurations {
            let integration = configuration.integration.flatMap { integrations[$0.name] }
            result.append(try desired(configuration, integration: integration, config: config, context: context))
        }
        for service in config.targetCloudServices {
            result.append(try desired(service, context: context))
        }
        return result
    }

    /// SHA-256 (hex) of the desired attributes, canonically encoded: what a saved plan's config digest is.
    public static func digest(_ resources: [DesiredResource]) -> String {
        var hasher = SHA256()
        // Each text's UTF-8 bytes are hashed in place: a `Data` copy of each was a third of the digest's CPU.
        func update(_ text: String) {
            var text = text
            text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        for resource in resources.sorted(by: { $0.address < $1.address }) {
            update(resource.address.description)
            for name in resource.attributes.keys.sorted() {
                update("\u{1}\(name)=")
                update(canonical(resource.attributes[name]))
            }
            update("\u{2}\(resource.dependencies.map(\.description).sorted().joined(separator: ","))")
        }
        return Hex.encode(hasher.finalize())
    }

    private static func canonical(_ value: DesiredValue?) -> String {
        switch value {
        case .known(let json)?: CanonicalJSON.text(json)
        // Fingerprints are keyed per state; the digest must not change with the key, only with the config.
        case .sensitive?: "sensitive"
        case .output(let address, let name)?: "output:\(address).\(name)"
        case nil: "nil"
        }
    }

    static func desired(_ integration: IOIntegration) -> DesiredResource {
        var attributes: [String: DesiredValue] = [
            AttributeName.name: .known(.string(integration.integrationName)),
            AttributeName.description: .known(.string(integration.description ?? "")),
            AttributeName.credential: .known(.string(integration.credential.rawValue)),
            AttributeName.api: .known(.string(integration.api.rawValue)),
            AttributeName.productProfiles: .known(.strings(integration.productProfiles.sorted())),
        ]
        if integration.credential == .jwt, let certificate = integration.certificate {
            attributes[AttributeName.certificate] = .known(
                .object([
                    "alias": .string(certificate.alias),
                    "validityDays": .number(Double(certificate.validityDays)),
                    "renewBeforeDays": .number(Double(certificate.renewBeforeDays)),
                ]))
        }
        if let days = integration.rotateSecretEveryDays, integration.credential == .oauthServerToServer {
            attributes[AttributeName.rotateSecretEveryDays] = .known(.number(Double(days)))
        }
        return DesiredResource(
            address: integration.address,
            attributes: attributes,
            dependencies: integration.dependsOn.map(\.address),
            replaceTriggers: [
                AttributeName.credential: integration.credential == .oauthServerToServer
                    ? "credential type changed: migrating JWT to OAuth Server-to-Server, the JWT credential, "
                        + "its binding and keystore alias are deleted only once AEM works with the new one"
                    : "credential type changed",
                AttributeName.name: "the console credential name changed",
            ],
            renewals: [renewal(integration)]
        )
    }

    /// What of an integration expires or is rotated: the JWT certificate (by `renewBeforeDays`), or the OAuth
    /// client secret (by `rotateSecretEveryDays`, else only with `aemconf rotate`).
    static func renewal(_ integration: IOIntegration) -> Renewal {
        switch integration.credential {
        case .jwt:
            let days = integration.certificate?.renewBeforeDays ?? CertificateSpec.defaultRenewBeforeDays
            return Renewal(
                part: Renewal.Part.certificate, noun: "certificate",
                rule: .expiresAt(output: AttributeName.certificateNotAfter, renewBeforeDays: days),
                changesOutputs: [
                    AttributeName.keypairAlias, AttributeName.certificateFingerprint, AttributeName.certificateNotAfter,
                ]
            )
        case .oauthServerToServer:
            let policy = integration.rotateSecretEveryDays.map {
                Renewal.Rule.olderThan(output: AttributeName.clientSecretCreatedAt, days: $0)
            }
            return Renewal(
                part: Renewal.Part.clientSecret, noun: "client secret",
                rule: policy ?? .onRequest,
                changesOutputs: [AttributeName.clientSecret, AttributeName.clientSecretCreatedAt]
            )
        }
    }

    static func desired(
        _ configuration: IMSConfiguration,
        integration: IOIntegration?,
        config: Config,
        context: DesiredStateContext
    ) throws -> DesiredResource {
        let authentication = integration?.credential ?? .oauthServerToServer
        var attributes: [String: DesiredValue] = [
            AttributeName.title: .known(.string(configuration.title)),
            AttributeName.cloudSolution: .known(.string(configuration.cloudSolution.rawValue)),
            AttributeName.authorizationServer: .known(
                .string(trimmed(configuration.authorizationServer ?? config.adobe.endpoints.ims))),
            AttributeName.organizationId: .known(.string(config.adobe.imsOrg)),
            AttributeName.authentication: .known(.string(authentication.rawValue)),
        ]
        if let integration {
            let source = integration.address
            attributes[AttributeName.clientId] = .output(of: source, name: AttributeName.clientId)
            attributes[AttributeName.clientSecret] = .output(of: source, name: AttributeName.clientSecret)
            switch integration.credential {
            case .oauthServerToServer:
                attributes[AttributeName.scopes] = .output(of: source, name: AttributeName.scopes)
            case .jwt:
                attributes[AttributeName.technicalAccountId] = .output(
                    of: source, name: AttributeName.technicalAccountId)
                attributes[AttributeName.metascopes] = .output(of: source, name: AttributeName.metascopes)
                // The alias in use: the configured one, then a new one per certificate rotation.
                attributes[AttributeName.keypairAlias] = .output(of: source, name: AttributeName.keypairAlias)
            }
        } else {
            attributes[AttributeName.clientId] = .known(.string(configuration.clientId ?? ""))
            if let reference = configuration.clientSecret {
                attributes[AttributeName.clientSecret] = .sensitive(
                    fingerprint: context.fingerprint(try context.resolveSecret(reference)))
            }
            let scopes = configuration.scopes.isEmpty ? ServiceAssumptions.targetOAuthScopes : configuration.scopes
            attributes[AttributeName.scopes] = .known(.strings(scopes.sorted()))
        }
        var dependencies = configuration.dependsOn.map(\.address)
        if let reference = configuration.integration { dependencies.insert(reference.address, at: 0) }
        return DesiredResource(
            address: configuration.address,
            attributes: attributes,
            dependencies: dependencies,
            refusal: refusal(authentication: authentication, context: context, integration: integration)
        )
    }

    /// JWT on SP20+, or OAuth below the first service pack the IMS hotfix exists for, cannot work (aem.md §2.1).
    ///
    /// Whether the hotfix is installed on SP11–SP19 cannot be read from AEM (``ServiceAssumptions/aemIMSHotfixAssumedFrom``):
    /// those service packs are assumed to have it, and a missing hotfix shows in Check Health.
    static func refusal(authentication: CredentialType, context: DesiredStateContext, integration: IOIntegration?)
        -> String?
    {
        guard let info = context.aemProductInfo, let servicePack = info.servicePack else { return nil }
        switch authentication {
        case .jwt where servicePack >= ServiceAssumptions.oauthMinimumServicePack:
            let source =
                integration.map { "set '\($0.address)' to 'credential: oauth-server-to-server'" } ?? "use OAuth"
            return
                "AEM 6.5 SP\(servicePack) no longer accepts JWT IMS configurations (JWT credentials reached end of life on 2025-06-30); \(source)"
        case .oauthServerToServer where servicePack < ServiceAssumptions.aemIMSHotfixAssumedFrom:
            return
                "AEM 6.5 SP\(servicePack) cannot use OAuth Server-to-Server credentials (SP20 does, and SP11-SP19 with the IMS hotfix); "
                + "upgrade AEM or use a JWT credential"
        default:
            return nil
        }
    }

    static func desired(_ service: TargetCloudService, context: DesiredStateContext) throws -> DesiredResource {
        var customAtJs: JSONValue = .null
        if let path = service.customAtJs {
            guard let bytes = context.readFile(path) else {
                throw DesiredStateError.unreadableFile(path, address: service.address)
            }
            customAtJs = .string(Hex.encode(SHA256.hash(data: bytes)))
        }
        let attributes: [String: DesiredValue] = [
            AttributeName.title: .known(.string(service.title)),
            AttributeName.pageName: .known(.string(service.effectivePageName)),
            AttributeName.template: .known(.string(service.template)),
            AttributeName.clientCode: .known(.string(service.clientCode)),
            AttributeName.tenantId: .known(.string(service.effectiveTenantId)),
            AttributeName.authentication: .known(.string(service.authentication.rawValue)),
            AttributeName.imsConfiguration: .output(
                of: service.imsConfiguration.address, name: AttributeName.configurationId),
            AttributeName.apiType: .known(.string(service.apiType.rawValue)),
            AttributeName.a4tAnalyticsConfiguration: .known(
                service.a4tAnalyticsConfiguration.map(JSONValue.string) ?? .null),
            AttributeName.accurateTargeting: .known(.bool(service.accurateTargeting)),
            AttributeName.segmentSync: .known(.bool(service.segmentSync?.mode == .aem)),
            AttributeName.clientLibrary: .known(.string(service.clientLibrary.rawValue)),
            AttributeName.tagManagement: .known(.string(service.tagManagement.rawValue)),
            AttributeName.customAtJs: .known(customAtJs),
        ]
        return DesiredResource(
            address: service.address,
            attributes: attributes,
            dependencies: [service.imsConfiguration.address] + service.dependsOn.map(\.address),
            replaceTriggers: [
                AttributeName.pageName: "the page name changed",
                AttributeName.template: "the page template changed",
            ]
        )
    }

    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

/// Why desired state could not be computed.
public enum DesiredStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file the config names cannot be read.
    case unreadableFile(String, address: ResourceAddress)

    /// A lower-case message.
    public var description: String {
        switch self {
        case .unreadableFile(let path, let address): "\(address): file '\(path)' cannot be read"
        }
    }
}

extension JSONValue {
    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
