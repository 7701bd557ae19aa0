/// The console's credentials in creation order, with indexes by client id, integration id and name that every
/// change keeps in step: a request's lookup (IMS and the gateway by client id, the console by integration id,
/// its name check) costs the same with ten or ten thousand credentials, and answers exactly what a scan from the
/// front answers (the first match in order, duplicates included).
///
/// It reads like an array of ``ConsoleCredential`` (a random-access, mutable collection; an array literal; `append`,
/// `remove(at:)`, `removeAll(where:)`) and is stored as a plain JSON array, so the data file does not change. The
/// indexes hold a serial per element rather than its position, so a removal shifts no index entry; serials grow
/// in array order, and a position is found from a serial by binary search.
public struct ConsoleCredentialList: RandomAccessCollection, MutableCollection, ExpressibleByArrayLiteral, Sendable {
    private var elements: [ConsoleCredential] = []
    /// One serial per element, strictly increasing with the position.
    private var serials: [UInt64] = []
    private var nextSerial: UInt64 = 0
    private var byClientID = SerialIndex(\.clientID)
    private var byID = SerialIndex(\.id)
    private var byName = SerialIndex(\.name)

    /// An empty list.
    public init() {}

    /// A list of `credentials`, in their order.
    public init(_ credentials: some Sequence<ConsoleCredential>) {
        for credential in credentials { append(credential) }
    }

    /// A list of the literal's credentials.
    public init(arrayLiteral credentials: ConsoleCredential...) {
        self.init(credentials)
    }

    // MARK: Collection

    /// The position of the first credential.
    public var startIndex: Int { elements.startIndex }

    /// The position after the last credential.
    public var endIndex: Int { elements.endIndex }

    /// The credential at `position`; setting it re-indexes the keys that changed.
    public subscript(position: Int) -> ConsoleCredential {
        get { elements[position] }
        set {
            let old = elements[position]
            elements[position] = newValue
            let serial = serials[position]
            byClientID.replace(old, with: newValue, serial: serial)
            byID.replace(old, with: newValue, serial: serial)
            byName.replace(old, with: newValue, serial: serial)
        }
    }

    // MARK: Changes

    /// Adds `credential` at the end.
    public mutating func append(_ credential: ConsoleCredential) {
        let serial = nextSerial
        nextSerial += 1
        elements.append(credential)
        serials.append(serial)
        byClientID.insert(credential, serial: serial)
        byID.insert(credential, serial: serial)
        byName.insert(credential, serial: serial)
    }

    /// Removes and returns the credential at `position`.
    @discardableResult
    public mutating func remove(at position: Int) -> ConsoleCredential {
        let serial = serials.remove(at: position)
        let credential = elements.remove(at: position)
        byClientID.remove(credential, serial: serial)
        byID.remove(credential, serial: serial)
        byName.remove(credential, serial: serial)
        return credential
    }

    /// Removes every credential `shouldBeRemoved` accepts, keeping the order of the others. The predicate sees
    /// every credential before anything is removed, so a throw leaves the list unchanged.
    public mutating func removeAll(where shouldBeRemoved: (ConsoleCredential) throws -> Bool) rethrows {
        var doomed: [Int] = []
        for position in elements.indices where try shouldBeRemoved(elements[position]) { doomed.append(position) }
        remove(positions: doomed)
    }

    /// Removes every credential with integration id `id` (what `removeAll { $0.id == id }` does, without the scan).
    public mutating func removeAll(id: String) {
        remove(positions: byID.serials(id).compactMap(position(of:)))
    }

    /// Removes the credentials at `positions` (ascending).
    private mutating func remove(positions: [Int]) {
        guard !positions.isEmpty else { return }
        if positions.count == 1 {
            remove(at: positions[0])
            return
        }
        var doomed = positions[...]
        var keptElements: [ConsoleCredential] = []
        var keptSerials: [UInt64] = []
        keptElements.reserveCapacity(elements.count - positions.count)
        keptSerials.reserveCapacity(elements.count - positions.count)
        for position in elements.indices {
            let credential = elements[position]
            let serial = serials[position]
            if doomed.first == position {
                doomed.removeFirst()
                byClientID.remove(credential, serial: serial)
                byID.remove(credential, serial: serial)
                byName.remove(credential, serial: serial)
            } else {
                keptElements.append(credential)
                keptSerials.append(serial)
            }
        }
        elements = keptElements
        serials = keptSerials
    }

    // MARK: Lookups

    /// The position of the first credential whose client id (API key) is `clientID`.
    public func firstIndex(clientID: String) -> Int? {
        byClientID.serials(clientID).first.flatMap(position(of:))
    }

    /// The position of the first credential with integration id `id` that `matches` accepts.
    public func firstIndex(id: String, where matches: (ConsoleCredential) -> Bool = { _ in true }) -> Int? {
        firstPosition(of: byID.serials(id), where: matches)
    }

    /// The position of the first credential named `name` that `matches` accepts.
    public func firstIndex(name: String, where matches: (ConsoleCredential) -> Bool = { _ in true }) -> Int? {
        firstPosition(of: byName.serials(name), where: matches)
    }

    private func firstPosition(of candidates: [UInt64], where matches: (ConsoleCredential) -> Bool) -> Int? {
        for serial in candidates {
            if let position = position(of: serial), matches(elements[position]) { return position }
        }
        return nil
    }

    /// The position of the element holding `serial` (binary search: serials grow with the position).
    private func position(of serial: UInt64) -> Int? {
        var low = 0
        var high = serials.count
        while low < high {
            let middle = (low + high) / 2
            if serials[middle] < serial { low = middle + 1 } else { high = middle }
        }
        return low < serials.count && serials[low] == serial ? low : nil
    }
}

extension ConsoleCredentialList: Codable {
    /// Decodes a JSON array of credentials.
    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode([ConsoleCredential].self))
    }

    /// Encodes the credentials as a JSON array, as an array of them would be.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(elements)
    }
}

/// The serials of the credentials with each value of one key, ascending (so in list order).
private struct SerialIndex: Sendable {
    private let key: KeyPath<ConsoleCredential, String> & Sendable
    private var entries: [String: [UInt64]] = [:]

    init(_ key: KeyPath<ConsoleCredential, String> & Sendable) {
        self.key = key
    }

    func serials(_ value: String) -> [UInt64] {
        entries[value] ?? []
    }

    mutating func insert(_ credential: ConsoleCredential, serial: UInt64) {
        entries[credential[keyPath: key], default: []].insertAscending(serial)
    }

    mutating func remove(_ credential: ConsoleCredential, serial: UInt64) {
        guard let found = entries.index(forKey: credential[keyPath: key]) else { return }
        entries.values[found].removeAll { $0 == serial }
        if entries.values[found].isEmpty { entries.remove(at: found) }
    }

    mutating func replace(_ old: ConsoleCredential, with new: ConsoleCredential, serial: UInt64) {
        guard old[keyPath: key] != new[keyPath: key] else { return }
        remove(old, serial: serial)
        insert(new, serial: serial)
    }
}

extension [UInt64] {
    /// Inserts `serial` before the first larger one (at the end, for a new element's serial).
    fileprivate mutating func insertAscending(_ serial: UInt64) {
        if let last, last > serial {
            insert(serial, at: firstIndex { $0 > serial } ?? endIndex)
        } else {
            append(serial)
        }
    }
}
