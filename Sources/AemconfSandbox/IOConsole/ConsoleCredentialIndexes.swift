/// The indexes of a ``ConsoleCredentialList``: each maps a credential's key to the serials of the credentials
/// holding it, in list order. The list tells them every insertion, removal and replacement.
struct ConsoleCredentialIndexes: Sendable {
    /// By client id (API key).
    private(set) var byClientID = SerialIndex(\.clientID)
    /// By integration id.
    private(set) var byID = SerialIndex(\.id)
    /// By name.
    private(set) var byName = SerialIndex(\.name)
    /// Each organization's credentials in integration-id order.
    private(set) var inIDOrder = OrganizationIDOrder()

    mutating func insert(_ credential: ConsoleCredential, serial: UInt64) {
        byClientID.insert(credential, serial: serial)
        byID.insert(credential, serial: serial)
        byName.insert(credential, serial: serial)
        inIDOrder.insert(credential, serial: serial)
    }

    mutating func remove(_ credential: ConsoleCredential, serial: UInt64) {
        byClientID.remove(credential, serial: serial)
        byID.remove(credential, serial: serial)
        byName.remove(credential, serial: serial)
        inIDOrder.remove(credential, serial: serial)
    }

    mutating func replace(_ old: ConsoleCredential, with new: ConsoleCredential, serial: UInt64) {
        byClientID.replace(old, with: new, serial: serial)
        byID.replace(old, with: new, serial: serial)
        byName.replace(old, with: new, serial: serial)
        if old.orgID != new.orgID || old.id != new.id {
            inIDOrder.remove(old, serial: serial)
            inIDOrder.insert(new, serial: serial)
        }
    }
}

/// The serials of the credentials with each value of one key, ascending (so in list order).
struct SerialIndex: Sendable {
    private let key: KeyPath<ConsoleCredential, String> & Sendable
    private var entries: [String: [UInt64]] = [:]

    init(_ key: KeyPath<ConsoleCredential, String> & Sendable) {
        self.key = key
    }

    func serials(_ value: String) -> [UInt64] {
        entries[value] ?? []
    }

    mutating func insert(_ credential: ConsoleCredential, serial: UInt64) {
        entries[credential[keyPath: key], default: []].insertSorted(serial)
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

/// Each organization's credentials sorted by (integration id as a number, 0 when it is not one; serial), so equal
/// ids keep the list's order, as a stable sort by the number does.
struct OrganizationIDOrder: Sendable {
    private struct Entry: Comparable, Sendable {
        var number: Int
        var serial: UInt64

        init(_ credential: ConsoleCredential, serial: UInt64) {
            number = Int(credential.id) ?? 0
            self.serial = serial
        }

        static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.number, lhs.serial) < (rhs.number, rhs.serial)
        }
    }

    private var entries: [String: [Entry]] = [:]

    func count(_ orgID: String) -> Int {
        entries[orgID]?.count ?? 0
    }

    func serials(_ orgID: String, _ range: Range<Int>) -> [UInt64] {
        entries[orgID].map { $0[range].map(\.serial) } ?? []
    }

    mutating func insert(_ credential: ConsoleCredential, serial: UInt64) {
        entries[credential.orgID, default: []].insertSorted(Entry(credential, serial: serial))
    }

    mutating func remove(_ credential: ConsoleCredential, serial: UInt64) {
        let entry = Entry(credential, serial: serial)
        guard let found = entries.index(forKey: credential.orgID) else { return }
        let at = entries.values[found].sortedInsertionPoint(of: entry)
        guard at < entries.values[found].count, entries.values[found][at] == entry else { return }
        entries.values[found].remove(at: at)
        if entries.values[found].isEmpty { entries.remove(at: found) }
    }
}

extension Array where Element: Comparable {
    /// The first position whose element is not below `element` (binary search of a sorted array).
    func sortedInsertionPoint(of element: Element) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < element { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Inserts `element` where it keeps the array sorted (at the end when it is the largest).
    mutating func insertSorted(_ element: Element) {
        if let last, element < last {
            insert(element, at: sortedInsertionPoint(of: element))
        } else {
            append(element)
        }
    }
}
