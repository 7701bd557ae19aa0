/// The fields of AEM's legacy Target cloud-service dialog (aem.md §4.2) whose JCR names are discovered.
public enum TargetCloudServiceField: String, Sendable, Hashable, CaseIterable, Codable {
    /// Client code.
    case clientCode
    /// Tenant ID (6.5.8+).
    case tenantID
    /// The IMS configuration id.
    case imsConfiguration
    /// IMS vs user credentials.
    case authentication
    /// REST / XML.
    case apiType
    /// A4T Analytics cloud configuration.
    case a4tAnalyticsConfiguration
    /// Use accurate targeting.
    case accurateTargeting
    /// Synchronize segments from Adobe Target.
    case segmentSync
    /// AT.js / mbox.js.
    case clientLibrary
    /// Use a tag management system.
    case tagManagement

    /// Words in a dialog field's name or label that identify this field, most specific first.
    var matchTerms: [String] {
        switch self {
        case .clientCode: ["clientcode", "client code"]
        case .tenantID: ["tenant"]
        case .imsConfiguration: ["imsconfig", "ims configuration", "ims config"]
        case .authentication: ["authentication", "authtype", "auth type"]
        case .apiType: ["apitype", "api type"]
        case .a4tAnalyticsConfiguration: ["a4t", "analytics"]
        case .accurateTargeting: ["accurate"]
        case .segmentSync: ["segment", "synchroni"]
        case .clientLibrary: ["clientlib", "client library"]
        case .tagManagement: ["tagmanagement", "tag management", "tms"]
        }
    }
}

/// A value for a Target cloud-service field.
public enum TargetFieldValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// A Boolean (a checkbox).
    case bool(Bool)
}
