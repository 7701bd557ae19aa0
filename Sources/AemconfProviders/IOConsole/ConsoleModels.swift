import AemconfModel
import Foundation

/// Values of the Developer Console API (adobe-io-console.md), decoded leniently: unknown fields are ignored.
public enum Console {
    /// An organization (`GET /console/organizations`).
    public struct Organization: Sendable, Equatable, Decodable {
        /// The AMS org id used in paths (numeric string).
        @ConsoleID public var id: String
        /// The IMS org id, `…@AdobeOrg`.
        public var code: String
        /// The display name.
        public var name: String?
        /// The user's role, `ADMIN` or `DEVELOPER`.
        public var role: String?

        private enum CodingKeys: String, CodingKey { case id, code, name, role }
    }

    /// A service available to the org, with its product profiles (`licenseConfigs`).
    public struct Service: Sendable, Equatable, Decodable {
        /// The service code, e.g. `AdobeTargetSDK`.
        public var code: String
        /// The display name.
        public var name: String?
        /// Whether the service can be used.
        public var enabled: Bool?
        /// Whether the org is entitled.
        public var entitledForOrg: Bool?
        /// Why it cannot be used.
        public var disabledReasons: [String]?
        /// The product profiles.
        public var licenseConfigs: [LicenseConfig] { properties?.licenseConfigs ?? [] }
        /// The raw properties.
        public var properties: Properties?

        /// The service properties.
        public struct Properties: Sendable, Equatable, Decodable {
            /// The product profiles.
            public var licenseConfigs: [LicenseConfig]?
        }
    }

    /// A product profile of a service (for Target: one per Target workspace).
    public struct LicenseConfig: Sendable, Equatable, Codable {
        /// The profile id.
        @ConsoleID public var id: String
        /// The profile name, e.g. `Default Workspace`.
        public var name: String
        /// The product id.
        @OptionalConsoleID public var productId: String?
        /// The description.
        public var description: String?
        /// Whether it is selected (only on the properties endpoint).
        public var selected: Bool?

        private enum CodingKeys: String, CodingKey { case id, name, productId, description, selected }

        /// Creates a value.
        public init(id: String, name: String, productId: String?) {
            self.id = id
            self.name = name
            self.productId = productId
        }
    }

    /// A project.
    public struct Project: Sendable, Equatable, Decodable {
        /// The project id.
        @ConsoleID public var id: String
        /// The project name.
        public var name: String
        /// The title.
        public var title: String?
        /// `default` or `jaeger`.
        public var type: String?
        /// The workspaces listed in the metadata.
        public var workspaces: [Workspace] { metadata?.workspaces ?? [] }
        /// Raw metadata.
        public var metadata: Metadata?

        /// Project metadata.
        public struct Metadata: Sendable, Equatable, Decodable {
            /// Workspaces of the project.
            public var workspaces: [Workspace]?
        }

        private enum CodingKeys: String, CodingKey { case id, name, title, type, metadata }
    }

    /// A workspace.
    public struct Workspace: Sendable, Equatable, Decodable {
        /// The workspace id.
        @ConsoleID public var id: String
        /// The name.
        public var name: String
        /// The title.
        public var title: String?

        private enum CodingKeys: String, CodingKey { case id, name, title }
    }

    /// What `POST …/projects` answers.
    public struct CreatedProject: Sendable, Equatable {
        /// The project id.
        public var projectId: String
        /// The default workspace id.
        public var workspaceId: String
    }

    /// A credential of a workspace (`GET …/workspaces/{ws}/credentials`).
    public struct WorkspaceCredential: Sendable, Equatable, Decodable {
        /// The integration id used by `/integrations/…` endpoints.
        @ConsoleID public var id_integration: String
        /// `entp` for service credentials.
        public var flow_type: String?
        /// `service` (JWT), `oauth_server_to_server`, `oauth_server_to_server_migrate`, …
        public var integration_type: String?

        private enum CodingKeys: String, CodingKey { case id_integration, flow_type, integration_type }

        /// Whether this is an OAuth server-to-server credential.
        public var isOAuthServerToServer: Bool {
            integration_type == "oauth_server_to_server" || integration_type == "oauth_server_to_server_migrate"
        }

        /// Whether this is a JWT (service account) credential.
        public var isJWT: Bool {
            flow_type == "entp"
                && (integration_type == "service" || integration_type == "oauth_server_to_server_migrate")
        }
    }

    /// A created credential: `{id, apiKey, orgId, technicalAccountId?}`.
    public struct CreatedCredential: Sendable, Equatable, Decodable {
        /// The credential (integration) id.
        @ConsoleID public var id: String
        /// The client id.
        public var apiKey: String
        /// The org id.
        @OptionalConsoleID public var orgId: String?
        /// The technical account id, when the answer has one.
        public var technicalAccountId: String?

        private enum CodingKeys: String, CodingKey { case id, apiKey, orgId, technicalAccountId }

        /// Creates a value.
        public init(id: String, apiKey: String, orgId: String?, technicalAccountId: String?) {
            self.id = id
            self.apiKey = apiKey
            self.orgId = orgId
            self.technicalAccountId = technicalAccountId
        }
    }

    /// Integration details (`GET /integrations/{intId}`); note lowercase `apikey`.
    public struct Integration: Sendable, Equatable, Decodable {
        /// The integration id.
        @ConsoleID public var id: String
        /// The name.
        public var name: String?
        /// The client id.
        public var apikey: String?
        /// The technical account id.
        public var technicalAccountId: String?
        /// The technical account email.
        public var technicalAccountEmail: String?
        /// Subscribed services with scopes and profiles.
        public var serviceProperties: [ServiceProperty]?

        /// A subscribed service.
        public struct ServiceProperty: Sendable, Equatable, Decodable {
            /// The service code.
            public var sdkCode: String
            /// Scopes.
            public var scopes: [String]?
            /// Product profiles.
            public var licenseConfigs: [LicenseConfig]?
        }

        private enum CodingKeys: String, CodingKey {
            case id, name, apikey, technicalAccountId, technicalAccountEmail, serviceProperties
        }
    }

    /// An item of the paginated `/integrations` list.
    public struct IntegrationSummary: Sendable, Equatable, Decodable {
        /// The integration id.
        @ConsoleID public var id: String
        /// The name.
        public var name: String?
        /// `adobeid`, `entp`, `internal`.
        public var type: String?

        private enum CodingKeys: String, CodingKey { case id, name, type }
    }

    /// A certificate binding of a JWT credential.
    public struct Binding: Sendable, Equatable, Decodable {
        /// The binding id.
        public var bindingId: String
        /// SHA-1 of the DER certificate, lowercase hex.
        public var certificateFingerprint: String
        /// Certificate expiry in epoch milliseconds.
        public var notAfter: Int64?

        private enum CodingKeys: String, CodingKey { case bindingId, certificateFingerprint, notAfter }

        /// Decodes, accepting numeric ids.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            bindingId = try container.decode(ConsoleID.self, forKey: .bindingId).wrappedValue
            certificateFingerprint = try container.decode(String.self, forKey: .certificateFingerprint).lowercased()
            notAfter = try container.decodeIfPresent(Int64.self, forKey: .notAfter)
        }

        /// The expiry as a date.
        public var expiry: Date? { notAfter.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
    }

    /// A client secret's metadata; the value appears only once, on creation.
    public struct ClientSecret: Sendable, CustomStringConvertible {
        /// The secret id.
        public var uuid: String
        /// The value, only when just created.
        public var value: Secret?
        /// Creation time as the console reports it (epoch ms string).
        public var createdAt: String?

        /// Names the id only.
        public var description: String { "client secret '\(uuid)'" }
    }

    /// The credential details from a workspace download (adobe-io-console.md §3.1).
    public struct DownloadedCredential: Sendable, CustomStringConvertible {
        /// The credential id.
        public var id: String
        /// The credential name.
        public var name: String?
        /// `service`, `oauth_server_to_server`, …
        public var integrationType: String?
        /// The client id.
        public var clientID: String
        /// The client secrets.
        public var clientSecrets: [Secret]
        /// The technical account id.
        public var technicalAccountID: String?
        /// The technical account email.
        public var technicalAccountEmail: String?
        /// OAuth scopes.
        public var scopes: [String]
        /// JWT metascopes.
        public var metascopes: [String]

        /// Names the credential only.
        public var description: String { "credential '\(name ?? id)' (client '\(clientID)')" }
    }

    /// The workspace download: org, project, workspace and credentials.
    public struct WorkspaceDownload: Sendable, CustomStringConvertible {
        /// The IMS org id.
        public var imsOrgID: String?
        /// The AMS org id.
        public var orgID: String?
        /// The project id.
        public var projectID: String?
        /// The workspace id.
        public var workspaceID: String?
        /// The credentials.
        public var credentials: [DownloadedCredential]
        /// Subscribed service codes.
        public var serviceCodes: [String]

        /// Names the ids only.
        public var description: String { "workspace '\(workspaceID ?? "?")' of project '\(projectID ?? "?")'" }
    }
}

extension Console {
    /// One entry of the ServiceInfo array that subscribes a credential to a service with product profiles
    /// (adobe-io-console.md §4.3): `{sdkCode, roles: null, licenseConfigs: [{op: "add", id, productId}]}`. The
    /// subscribe call sends it, and so does an OAuth credential's create (§4.2, `services`).
    public struct ServiceSubscription: Sendable, Encodable, CanonicalJSONWritable {
        struct License: Encodable, CanonicalJSONWritable {
            var op: String
            var id: String
            var productId: String?

            /// The members `encode(to:)` writes, keys sorted.
            func write(to writer: inout CanonicalJSONWriter) {
                writer.append("{")
                writer.writeMember("id", id, first: true)
                writer.writeMember("op", op)
                writer.writeMember("productId", productId)
                writer.append("}")
            }
        }

        let sdkCode: String
        let licenseConfigs: [License]

        /// Adds `profiles` to the service `sdkCode`.
        public init(sdkCode: String, adding profiles: [LicenseConfig]) {
            self.sdkCode = sdkCode
            self.licenseConfigs = profiles.map { License(op: "add", id: $0.id, productId: $0.productId) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(sdkCode, forKey: .sdkCode)
            try container.encodeNil(forKey: .roles)
            try container.encode(licenseConfigs, forKey: .licenseConfigs)
        }

        private enum Keys: String, CodingKey { case sdkCode, roles, licenseConfigs }

        /// The members `encode(to:)` writes, keys sorted.
        public func write(to writer: inout CanonicalJSONWriter) {
            writer.append("{\"licenseConfigs\":")
            writer.writeArray(licenseConfigs) { $1.write(to: &$0) }
            writer.append(",\"roles\":null,\"sdkCode\":")
            writer.write(sdkCode)
            writer.append("}")
        }
    }

    /// The body of an OAuth credential's create (adobe-io-console.md §4.2): name, description and, when given, the
    /// services it is subscribed to.
    struct OAuthCredentialBody: Encodable, CanonicalJSONWritable {
        var name, description: String
        var services: [ServiceSubscription]?

        /// The members `Encodable` writes (an absent `services` is left out), keys sorted: `JSONEncoder` for this
        /// one body per created credential was about 1 % of an apply's CPU. `OAuthCredentialBodyTests` compares
        /// the two.
        func write(to writer: inout CanonicalJSONWriter) {
            writer.append("{")
            writer.writeMember("description", description, first: true)
            writer.writeMember("name", name)
            if let services {
                writer.writeKey("services")
                writer.writeArray(services) { $1.write(to: &$0) }
            }
            writer.append("}")
        }

        /// The JSON text.
        var json: [UInt8] {
            var writer = CanonicalJSONWriter()
            write(to: &writer)
            return writer.bytes
        }
    }
}
