/// One attribute of a planned update or replace: before → after.
public struct AttributeChange: Sendable, Hashable, Codable {
    /// The attribute name.
    public var name: String
    /// The current value (live where observed, else as last applied); `nil` when absent.
    public var before: PlanValue?
    /// The planned value; `nil` when the attribute goes away.
    public var after: PlanValue?
    /// Whether this change forces a replace.
    public var forcesReplace: Bool

    /// Creates a change.
    public init(name: String, before: PlanValue?, after: PlanValue?, forcesReplace: Bool = false) {
        self.name = name
        self.before = before
        self.after = after
        self.forcesReplace = forcesReplace
    }
}
