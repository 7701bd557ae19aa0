/// The console's credentials in creation order, with indexes (``ConsoleCredentialIndexes``) by client id,
/// integration id and name, and each organization's credentials in integration-id order, that every change keeps in
/// step: a request's lookup (IMS and the gateway by client id, the console by integration id, its name check, a
/// page of the integrations list) costs the same with ten or ten thousand credentials, and answers exactly what a
/// scan from the front answers (the first match in order, duplicates included).
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
    private var indexes = ConsoleCredentialIndexes()

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
            indexes.replace(old, with: newValue, serial: serials[position])
        }
    }

    // MARK: Changes

    /// Adds `credential` at the end.
    public mutating func append(_ credential: ConsoleCredential) {
        let serial = nextSerial
        nextSerial += 1
        elements.append(credential)
        serials.append(serial)
        indexes.insert(credential, serial: serial)
    }

    /// Removes and returns the credential at `position`.
    @discardableResult
    public mutating func remove(at position: Int) -> ConsoleCredential {
        let serial = serials.remove(at: position)
        let credential = elements.remove(at: position)
        indexes.remove(credential, serial: serial)
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
        remove(positions: indexes.byID.serials(id).compactMap(position(of:)))
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
                indexes.remove(credential, serial: serial)
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
        indexes.byClientID.serials(clientID).first.flatMap(position(of:))
    }

    /// The position of the first credential with integration id `id` that `matches` accepts.
    public func firstIndex(id: String, where matches: (ConsoleCredential) -> Bool = { _ in true }) -> Int? {
        firstPosition(of: indexes.byID.serials(id), where: matches)
    }

    /// The position of the first credential named `name` that `matches` accepts.
    public func firstIndex(name: String, where matches: (ConsoleCredential) -> Bool = { _ in true }) -> Int? {
        firstPosition(of: indexes.byName.serials(name), where: matches)
    }

    private func firstPosition(of candidates: [UInt64], where matches: (ConsoleCredential) -> Bool) -> Int? {
        for serial in candidates {
            if let position = position(of: serial), matches(elements[position]) { return position }
        }
        return nil
    }

    /// How many credentials organization `orgID` has.
    public func count(orgID: String) -> Int {
        indexes.inIDOrder.count(orgID)
    }

    /// The credentials of organization `orgID` at `range` of their integration-id order, where an id that is not a
    /// number counts as 0 and equal ids keep the list's order: a page of what
    /// `filter { $0.orgID == orgID }.sorted { (Int($0.id) ?? 0) < (Int($1.id) ?? 0) }` gives, without the scan and
    /// the sort. `range` must lie within `0..<count(orgID:)`.
    public func inIDOrder(orgID: String, range: Range<Int>) -> [ConsoleCredential] {
        indexes.inIDOrder.serials(orgID, range).compactMap { position(of: $0).map { elements[$0] } }
    }

    /// The position of the element holding `serial` (binary search: serials grow with the position).
    private func position(of serial: UInt64) -> Int? {
        let position = serials.sortedInsertionPoint(of: serial)
        return position < serials.count && serials[position] == serial ? position : nil
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
