import AemconfModel

/// Runtime discovery of what the AEM contract leaves unconfirmed (aem.md §9), cached for the run.
///
/// Holds the product info (service pack → JWT or OAuth), the Target dialog's property names and
/// the `authentication-service` user's path. Values are asked for once; the fetching itself is done
/// by ``AEMClient``'s `discover…` methods.
public actor AEMDiscovery {
    var productInfo: AEMProductInfo?
    var targetFields: TargetFieldNames?
    var keystoreUserPath: String?

    /// Creates an empty cache.
    public init() {}

    func store(_ info: AEMProductInfo) { productInfo = info }
    func store(_ names: TargetFieldNames) { targetFields = names }
    func storeKeystorePath(_ path: String) { keystoreUserPath = path }
}

/// The JCR property names of the Target cloud-service fields and where each came from.
public struct TargetFieldNames: Sendable, Equatable {
    /// The property name of each field.
    public var names: [TargetCloudServiceField: String]
    /// The fields whose names come from ``ServiceAssumptions/targetPropertyFallbacks``, not the dialog.
    public var assumed: Set<TargetCloudServiceField>

    /// Creates a mapping.
    public init(names: [TargetCloudServiceField: String], assumed: Set<TargetCloudServiceField>) {
        self.names = names
        self.assumed = assumed
    }

    /// Matches the widgets of a dialog (`name` starting with `./`, plus `fieldLabel`/`boxLabel`) to fields.
    public static func fromDialog(_ dialog: JSONValue?) -> TargetFieldNames {
        var widgets: [(name: String, label: String)] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let name = members["name"]?.stringValue, name.hasPrefix("./"), !name.contains("@") {
                    let label = ["fieldLabel", "boxLabel", "text", "fieldDescription", "jcr:title"]
                        .compactMap { members[$0]?.stringValue }.joined(separator: " ")
                    widgets.append((String(name.dropFirst(2)), label.lowercased()))
                }
                for key in members.keys.sorted() { if let child = members[key] { walk(child) } }
            case .array(let elements):
                elements.forEach(walk)
            default:
                break
            }
        }
        if let dialog { walk(dialog) }
        var names: [TargetCloudServiceField: String] = [:]
        var taken: Set<String> = []
        for field in TargetCloudServiceField.allCases {
            let byName = widgets.first { widget in
                !taken.contains(widget.name)
                    && field.matchTerms.contains {
                        widget.name.lowercased().contains($0.replacingOccurrences(of: " ", with: ""))
                    }
            }
            let byLabel = widgets.first { widget in
                !taken.contains(widget.name) && field.matchTerms.contains { widget.label.contains($0) }
            }
            if let match = byName ?? byLabel {
                names[field] = match.name
                taken.insert(match.name)
            }
        }
        var assumed: Set<TargetCloudServiceField> = []
        for field in TargetCloudServiceField.allCases where names[field] == nil {
            names[field] = ServiceAssumptions.targetPropertyFallbacks[field] ?? field.rawValue
            assumed.insert(field)
        }
        return TargetFieldNames(names: names, assumed: assumed)
    }

    /// The property name of `field`.
    public func name(of field: TargetCloudServiceField) -> String {
        names[field] ?? ServiceAssumptions.targetPropertyFallbacks[field] ?? field.rawValue
    }
}
