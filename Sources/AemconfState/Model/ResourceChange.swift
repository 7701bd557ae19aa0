import AemconfModel

/// One resource step's result, committed in its own transaction.
public enum ResourceChange: Sendable, Hashable {
    /// Insert or replace the row at the record's address.
    case put(ResourceRecord)
    /// Delete the row at `address`.
    case remove(address: ResourceAddress)

    /// The address the change touches.
    public var address: ResourceAddress {
        switch self {
        case .put(let record): record.address
        case .remove(let address): address
        }
    }
}
