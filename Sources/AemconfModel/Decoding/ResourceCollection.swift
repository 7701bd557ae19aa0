import AemconfYAML

/// One top-level mapping of resource names to resources (`ioIntegrations`, `imsConfigurations`,
/// `targetCloudServices`) and how each of its entries is decoded.
///
/// An entry decodes on its own, so a large file's entries can be decoded one at a time while it is parsed
/// (see ``ConfigDecoder/add(yaml:file:)``); the `field` decodes a whole mapping the same way, entry by entry.
struct ResourceCollection: Sendable {
    /// The resource kind of the entries.
    let kind: ResourceKind
    /// The entries' object definition (its `$defs` name in the JSON Schema).
    let definition: String
    /// Decodes one `name: {…}` entry into the draft; `subject` is the object holding the collection.
    let decodeEntry:
        @Sendable (_ entry: Pair, _ subject: DiagnosticSubject, inout ConfigDraft, inout DecodingContext) -> Void

    /// A collection of `kind`, kept at `path`, each entry decoded with `schema` starting from `make(name, location)`.
    init<Resource: Sendable>(
        _ kind: ResourceKind,
        _ path: WritableKeyPath<ConfigDraft, [Resource]> & Sendable,
        schema: ObjectSchema<Resource>,
        make: @escaping @Sendable (String, SourceLocation) -> Resource
    ) {
        self.kind = kind
        self.definition = schema.definition
        self.decodeEntry = { pair, subject, draft, context in
            guard let name = pair.key.scalar?.value else {
                context.report(.nonScalarKey(in: subject, found: pair.key.kindDescription, at: pair.key.location))
                return
            }
            let location = pair.key.location
            if !ValueFormat.isName(name) {
                context.report(
                    .invalidName(name, for: "\(kind.displayName) name", rule: ValueFormat.name.rule, at: location))
            }
            let address = ResourceAddress(kind: kind, name: name)
            if let first = draft.resourceLocations.updateValue(location, forKey: address) {
                draft.resourceLocations[address] = first
                context.report(.duplicateResource(address, firstAt: first, at: location))
                return
            }
            var resource = make(name, location)
            schema.decode(
                pair.value,
                into: &resource,
                subject: DiagnosticSubject(base: .resource(kind, name), field: nil),
                anchor: pair.key,
                context: &context
            )
            draft[keyPath: path].append(resource)
        }
    }

    /// The top-level key of the collection.
    var key: String { kind.collectionKey }

    /// The root field that reads the whole mapping (what is left of it when its entries were streamed).
    var field: FieldSpec<ConfigDraft> {
        let kind = kind
        let decodeEntry = decodeEntry
        return FieldSpec(kind.collectionKey, kind: .resourceMap(definition)) { draft, _, node, subject, context in
            guard case .mapping(let pairs) = node.content else {
                context.report(
                    .wrongType(
                        kind.collectionKey, in: subject, expected: "a mapping of names to \(kind.displayName)s",
                        found: node.kindDescription, at: node.location)
                )
                return
            }
            for pair in pairs {
                decodeEntry(pair, subject, &draft, &context)
            }
        }
    }
}

extension ConfigSchema {
    /// The resource collections of the config language, in the order the root object lists them.
    static let resourceCollections: [ResourceCollection] = [
        ResourceCollection(.ioIntegration, \.ioIntegrations, schema: ioIntegration) { name, location in
            IOIntegration(name: name, integrationName: "", location: location)
        },
        ResourceCollection(.imsConfiguration, \.imsConfigurations, schema: imsConfiguration) { name, location in
            IMSConfiguration(name: name, title: "", location: location)
        },
        ResourceCollection(.targetCloudService, \.targetCloudServices, schema: targetCloudService) { name, location in
            TargetCloudService(
                name: name,
                title: "",
                clientCode: "",
                imsConfiguration: .placeholder(.imsConfiguration),
                location: location
            )
        },
    ]
}
