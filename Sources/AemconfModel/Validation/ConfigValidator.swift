/// Checks across resources, after every file is read: references that name nothing, and reference cycles.
enum ConfigValidator {
    /// Every cross-resource problem in `draft`.
    static func validate(_ draft: ConfigDraft) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var usesDependsOn = false
        func check(_ reference: ResourceReference, key: String, from kind: ResourceKind, _ name: String) {
            guard !reference.name.isEmpty, draft.resourceLocations[reference.address] == nil else { return }
            diagnostics.append(
                .danglingReference(
                    reference,
                    key: key,
                    in: DiagnosticSubject(base: .resource(kind, name), field: nil),
                    suggestion: KeySuggestion.closest(
                        to: reference.name, in: names(of: reference.address.kind, in: draft))
                )
            )
        }
        if let adobe = draft.adobe, adobe.console == nil, let first = draft.ioIntegrations.first {
            diagnostics.append(.consoleRequired(integration: first.name, at: first.location))
        }
        for integration in draft.ioIntegrations {
            for reference in integration.dependsOn {
                check(reference, key: "dependsOn", from: .ioIntegration, integration.name)
            }
            usesDependsOn = usesDependsOn || !integration.dependsOn.isEmpty
        }
        for configuration in draft.imsConfigurations {
            if let integration = configuration.integration {
                check(integration, key: "integration", from: .imsConfiguration, configuration.name)
            }
            for reference in configuration.dependsOn {
                check(reference, key: "dependsOn", from: .imsConfiguration, configuration.name)
            }
            usesDependsOn = usesDependsOn || !configuration.dependsOn.isEmpty
        }
        for service in draft.targetCloudServices {
            check(service.imsConfiguration, key: "imsConfiguration", from: .targetCloudService, service.name)
            for reference in service.dependsOn {
                check(reference, key: "dependsOn", from: .targetCloudService, service.name)
            }
            usesDependsOn = usesDependsOn || !service.dependsOn.isEmpty
        }
        // Without `dependsOn` the references only point down the kinds (cloud service -> IMS configuration
        // -> integration), so a cycle needs at least one `dependsOn`.
        if usesDependsOn {
            diagnostics += cycles(in: references(in: draft))
        }
        return diagnostics
    }

    private static func names(of kind: ResourceKind, in draft: ConfigDraft) -> [String] {
        switch kind {
        case .ioIntegration: draft.ioIntegrations.map(\.name)
        case .imsConfiguration: draft.imsConfigurations.map(\.name)
        case .targetCloudService: draft.targetCloudServices.map(\.name)
        }
    }

    /// One reference and the key it is written under.
    struct Edge {
        var key: String
        var reference: ResourceReference
    }

    /// The reference graph: resources in document order with their outgoing references.
    struct Graph {
        var list: [(ResourceAddress, [Edge])] = []
        var targets: [ResourceAddress: Int] = [:]
    }

    static func references(in draft: ConfigDraft) -> Graph {
        var graph = Graph()
        func add(_ address: ResourceAddress, _ edges: [Edge]) {
            graph.targets[address] = graph.list.count
            graph.list.append((address, edges))
        }
        for integration in draft.ioIntegrations {
            add(integration.address, integration.dependsOn.map { Edge(key: "dependsOn", reference: $0) })
        }
        for configuration in draft.imsConfigurations {
            var edges = configuration.integration.map { [Edge(key: "integration", reference: $0)] } ?? []
            edges += configuration.dependsOn.map { Edge(key: "dependsOn", reference: $0) }
            add(configuration.address, edges)
        }
        for service in draft.targetCloudServices {
            var edges = [Edge(key: "imsConfiguration", reference: service.imsConfiguration)]
            edges += service.dependsOn.map { Edge(key: "dependsOn", reference: $0) }
            add(service.address, edges)
        }
        return graph
    }

    /// One diagnostic per distinct cycle, at the reference that closes it (iterative depth-first search).
    static func cycles(in graph: Graph) -> [Diagnostic] {
        enum Colour { case white, grey, black }
        var colour = [Colour](repeating: .white, count: graph.list.count)
        var reported = Set<[Int]>()
        var diagnostics: [Diagnostic] = []
        for start in graph.list.indices where colour[start] == .white {
            var stack: [(node: Int, next: Int)] = [(start, 0)]
            colour[start] = .grey
            while let top = stack.last {
                let edges = graph.list[top.node].1
                if top.next == edges.count {
                    colour[top.node] = .black
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let edge = edges[top.next]
                guard let target = graph.targets[edge.reference.address] else { continue }
                switch colour[target] {
                case .white:
                    colour[target] = .grey
                    stack.append((target, 0))
                case .grey:
                    guard let from = stack.firstIndex(where: { $0.node == target }) else { continue }
                    let members = stack[from...].map(\.node)
                    guard reported.insert(members.sorted()).inserted else { continue }
                    let path = (members + [target]).map { graph.list[$0].0 }
                    diagnostics.append(.referenceCycle(path, at: edge.reference.location))
                case .black:
                    continue
                }
            }
        }
        return diagnostics
    }
}
