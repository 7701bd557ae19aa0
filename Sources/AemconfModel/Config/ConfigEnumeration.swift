/// An enumerated config value: a closed set of spellings, each a raw value.
public protocol ConfigEnumeration: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String {}

extension ConfigEnumeration {
    /// Every accepted spelling, in declaration order (what error messages and the JSON Schema list).
    public static var allowedValues: [String] { allCases.map(\.rawValue) }
}
