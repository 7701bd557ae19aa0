import AemconfModel

/// Orders addresses so each comes after the ones it depends on (stable: ties keep address order).
enum DependencyOrder {
    /// Kahn's algorithm over `dependencies`, ignoring edges to addresses outside `addresses`; members of a
    /// cycle (the validator rejects cycles) are appended in address order.
    static func sorted(_ addresses: [ResourceAddress], dependencies: [ResourceAddress: [ResourceAddress]])
        -> [ResourceAddress]
    {
        let members = Set(addresses)
        var remaining: [ResourceAddress: Int] = [:]
        var dependents: [ResourceAddress: [ResourceAddress]] = [:]
        for address in addresses {
            let edges = Set(dependencies[address, default: []].filter { members.contains($0) && $0 != address })
            remaining[address] = edges.count
            for dependency in edges { dependents[dependency, default: []].append(address) }
        }
        var ready = addresses.filter { remaining[$0] == 0 }.sorted()
        var result: [ResourceAddress] = []
        result.reserveCapacity(addresses.count)
        var cursor = 0
        while cursor < ready.count {
            let next = ready[cursor]
            cursor += 1
            result.append(next)
            var unlocked: [ResourceAddress] = []
            for dependent in dependents[next, default: []] {
                remaining[dependent, default: 0] -= 1
                if remaining[dependent] == 0 { unlocked.append(dependent) }
            }
            ready.append(contentsOf: unlocked.sorted())
        }
        if result.count < addresses.count {
            let placed = Set(result)
            result += addresses.filter { !placed.contains($0) }.sorted()
        }
        return result
    }
}
