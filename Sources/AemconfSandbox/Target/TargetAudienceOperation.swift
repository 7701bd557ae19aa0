import Foundation

/// The audience operations of one authorized call, as pure functions over the state (target.md §3).
struct TargetAudienceOperation: Sendable {
    /// A successful answer: status and JSON body.
    struct Output: Sendable {
        var status: Int
        var body: Data
    }

    /// The list fields: a list item omits the rules (target.md §3.1 sample).
    struct ListItem: Encodable {
        var id: Int64
        var name: String
        var description: String?
        var origin: String
        var modifiedAt: String
        var workspace: String
    }

    /// The full audience as GET, POST, PUT, PATCH and DELETE return it.
    struct Full: Encodable {
        var id: Int64
        var name: String
        var description: String?
        var origin: String
        var targetRule: SandboxJSON?
        var audienceRule: SandboxJSON?
        var createdAt: String
        var modifiedAt: String
        var workspace: String
    }

    struct List: Encodable {
        var offset: Int
        var limit: Int
        var total: Int
        var audiences: [ListItem]
    }

    /// Sort fields `sortBy` accepts (target.md §3.1).
    static let sortFields: Set<String> = ["id", "name", "modifiedAt", "origin", "workspace"]

    let principal: TargetAccess.Principal
    let tenant: String
    let now: Date

    func list(query: SandboxForm, in state: SandboxState) -> Result<Output, TargetError> {
        guard let tenantState = state.target.tenants[tenant] else { return .failure(.notFound("tenant '\(tenant)'")) }
        var offset = 0
        var limit = Int(Int32.max)
        if let text = query.value("offset") {
            guard let value = Int(text), value >= 0 else {
                return .failure(.invalid("offset '\(text)' must be a non-negative integer"))
            }
            offset = value
        }
        if let text = query.value("limit") {
            guard let value = Int(text), value >= 0 else {
                return .failure(.invalid("limit '\(text)' must be a non-negative integer"))
            }
            limit = min(value, Int(Int32.max))
        }
        var sortKeys: [(field: String, descending: Bool)] = []
        for value in query.fields.filter({ $0.name == "sortBy" }).compactMap(\.text) {
            for item in value.split(separator: ",") {
                let descending = item.hasPrefix("-")
                let field = String(descending ? item.dropFirst() : item[...])
                guard Self.sortFields.contains(field) else {
                    return .failure(
                        .invalid("sortBy field '\(field)' is not one of id, name, modifiedAt, origin, workspace"))
                }
                sortKeys.append((field, descending))
            }
        }
        let page: [TargetAudience]
        let total: Int
        switch sortKeys.count {
        case 0,
            1 where sortKeys.first.map({ $0.field == "id" || $0.field == "name" }) ?? true:
            let key = sortKeys.first
            (page, total) = tenantState.page(
                workspaceIDs: principal.workspaceIDs, byName: key?.field == "name",
                descending: key?.descending ?? false, offset: offset, limit: limit)
        default:
            let visible = Set(principal.workspaceIDs)
            let all = tenantState.audiences.values.filter { visible.contains($0.workspace) }
                .sorted { Self.precedes($0, $1, keys: sortKeys) }
            total = all.count
            page = offset < all.count ? Array(all[offset..<min(all.count, offset + limit)]) : []
        }
        let items = page.map {
            ListItem(
                id: $0.id, name: $0.name, description: $0.description, origin: $0.origin,
                modifiedAt: TargetTimestamp.string($0.modifiedAt), workspace: $0.workspace)
        }
        return .success(
            Output(
                status: 200,
                body: TargetAPI.encode(
                    List(
                        offset: offset, limit: limit, total: total,
                        audiences: items))))
    }

    func get(id: Int64, in state: SandboxState) -> Result<Output, TargetError> {
        visibleAudience(id: id, in: state).map { Output(status: 200, body: TargetAPI.encode(Self.full($0))) }
    }

    func create(body: Data, in state: inout SandboxState) -> Result<Output, TargetError> {
        guard let tenantState = state.target.tenants[tenant] else { return .failure(.notFound("tenant '\(tenant)'")) }
        guard let fields = SandboxJSON.parse(body)?.objectValue else {
            return .failure(.invalid("the body must be a JSON audience object"))
        }
        let workspace: String
        switch resolveWorkspace(fields["workspace"], tenant: tenantState) {
        case .success(let resolved): workspace = resolved
        case .failure(let failure): return .failure(failure)
        }
        var audience = TargetAudience(
            id: 0, name: "", description: nil, targetRule: nil, workspace: workspace,
            createdAt: now)
        if let failure = apply(fields, to: &audience, replacing: true) { return .failure(failure) }
        if let failure = validate(audience, tenant: tenantState) { return .failure(failure) }
        audience.id = state.target.tenants[tenant]?.makeAudienceID() ?? 0
        state.target.tenants[tenant]?.put(audience)
        return .success(Output(status: 201, body: TargetAPI.encode(Self.full(audience))))
    }

    func update(id: Int64, body: Data, in state: inout SandboxState) -> Result<Output, TargetError> {
        change(id: id, body: body, replacing: true, in: &state)
    }

    func patch(id: Int64, body: Data, in state: inout SandboxState) -> Result<Output, TargetError> {
        change(id: id, body: body, replacing: false, in: &state)
    }

    func delete(id: Int64, in state: inout SandboxState) -> Result<Output, TargetError> {
        switch visibleAudience(id: id, in: state) {
        case .failure(let failure): return .failure(failure)
        case .success(let audience):
            state.target.tenants[tenant]?.remove(id: id)
            return .success(Output(status: 200, body: TargetAPI.encode(Self.full(audience))))
        }
    }

    private func change(id: Int64, body: Data, replacing: Bool, in state: inout SandboxState)
        -> Result<Output, TargetError>
    {
        guard let tenantState = state.target.tenants[tenant] else { return .failure(.notFound("tenant '\(tenant)'")) }
        var audience: TargetAudience
        switch visibleAudience(id: id, in: state) {
        case .success(let found): audience = found
        case .failure(let failure): return .failure(failure)
        }
        guard let fields = SandboxJSON.parse(body)?.objectValue else {
            return .failure(.invalid("the body must be a JSON audience object"))
        }
        if let bodyID = fields["id"], bodyID != .integer(id) {
            return .failure(.invalid("id in the body does not match audience '\(id)'"))
        }
        if let requested = fields["workspace"] {
            switch resolveWorkspace(requested, tenant: tenantState) {
            case .success(let resolved): audience.workspace = resolved
            case .failure(let failure): return .failure(failure)
            }
        }
        if replacing {
            audience.description = nil
            audience.targetRule = nil
            audience.audienceRule = nil
        }
        if let failure = apply(fields, to: &audience, replacing: replacing) { return .failure(failure) }
        if let failure = validate(audience, tenant: tenantState) { return .failure(failure) }
        audience.modifiedAt = now
        state.target.tenants[tenant]?.put(audience)
        return .success(Output(status: 200, body: TargetAPI.encode(Self.full(audience))))
    }

    /// Copies the writable fields of a body onto `audience`; `replacing` requires `name` (POST, PUT).
    private func apply(_ fields: [String: SandboxJSON], to audience: inout TargetAudience, replacing: Bool)
        -> TargetError?
    {
        if let name = fields["name"] {
            guard let text = name.stringValue else { return .invalid("name must be a string") }
            audience.name = text
        } else if replacing {
            return .invalid("name is required")
        }
        if let description = fields["description"] {
            switch description {
            case .null: audience.description = nil
            case .string(let text): audience.description = text
            default: return .invalid("description must be a string")
            }
        }
        for (key, keyPath) in [("targetRule", \TargetAudience.targetRule), ("audienceRule", \.audienceRule)] {
            guard let rule = fields[key] else { continue }
            switch rule {
            case .null: audience[keyPath: keyPath] = nil
            case .object(let members) where !members.isEmpty: audience[keyPath: keyPath] = rule
            default: return .invalid("\(key) must be a non-empty object")
            }
        }
        return nil
    }

    private func validate(_ audience: TargetAudience, tenant tenantState: TargetTenant) -> TargetError? {
        let name = audience.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return .invalid("name must not be empty") }
        guard audience.name.count <= TargetAPI.maxNameLength else {
            return .invalid("name is longer than \(TargetAPI.maxNameLength) characters")
        }
        if let existing = tenantState.audienceID(named: audience.name), existing != audience.id {
            return .invalid("an audience named '\(audience.name)' already exists")
        }
        switch (audience.targetRule, audience.audienceRule) {
        case (.some, .some): return .invalid("targetRule and audienceRule cannot be used together")
        case (.none, .none): return .invalid("one of targetRule or audienceRule is required")
        default: return nil
        }
    }

    private func resolveWorkspace(_ value: SandboxJSON?, tenant tenantState: TargetTenant) -> Result<
        String, TargetError
    > {
        let requested: String
        switch value {
        case nil, .null?:
            guard let fallback = tenantState.defaultWorkspace?.id else {
                return .failure(.invalid("the tenant has no default workspace"))
            }
            requested = fallback
        case .string(let text)?: requested = text
        case .integer(let number)?: requested = String(number)
        default: return .failure(.invalid("workspace must be a string"))
        }
        guard tenantState.workspaces.contains(where: { $0.id == requested }) else {
            return .failure(.invalid("workspace '\(requested)' does not exist"))
        }
        guard principal.workspaceIDs.contains(requested) else {
            return .failure(.forbidden("the credential has no privilege on workspace '\(requested)'"))
        }
        return .success(requested)
    }

    private func visibleAudience(id: Int64, in state: SandboxState) -> Result<TargetAudience, TargetError> {
        guard let audience = state.target.tenants[tenant]?.audiences[id] else {
            return .failure(.notFound("audience '\(id)' does not exist"))
        }
        guard principal.workspaceIDs.contains(audience.workspace) else {
            return .failure(.forbidden("the credential has no privilege on workspace '\(audience.workspace)'"))
        }
        return .success(audience)
    }

    static func full(_ audience: TargetAudience) -> Full {
        Full(
            id: audience.id, name: audience.name, description: audience.description, origin: audience.origin,
            targetRule: audience.targetRule, audienceRule: audience.audienceRule,
            createdAt: TargetTimestamp.string(audience.createdAt),
            modifiedAt: TargetTimestamp.string(audience.modifiedAt), workspace: audience.workspace)
    }

    static func precedes(
        _ lhs: TargetAudience, _ rhs: TargetAudience,
        keys: [(field: String, descending: Bool)]
    ) -> Bool {
        for key in keys {
            let order: ComparisonResult
            switch key.field {
            case "id": order = compare(lhs.id, rhs.id)
            case "name": order = compare(lhs.name, rhs.name)
            case "modifiedAt": order = compare(lhs.modifiedAt, rhs.modifiedAt)
            case "origin": order = compare(lhs.origin, rhs.origin)
            default: order = compare(lhs.workspace, rhs.workspace)
            }
            if order != .orderedSame {
                return key.descending ? order == .orderedDescending : order == .orderedAscending
            }
        }
        return lhs.id < rhs.id
    }

    private static func compare<T: Comparable>(_ lhs: T, _ rhs: T) -> ComparisonResult {
        lhs < rhs ? .orderedAscending : (lhs > rhs ? .orderedDescending : .orderedSame)
    }
}
