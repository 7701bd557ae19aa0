/// A source of uniformly distributed numbers in `0..<1` for retry jitter, injectable for tests.
public struct JitterSource: Sendable {
    private let next: @Sendable () -> Double

    /// Wraps a generator of values in `0..<1`.
    public init(_ next: @escaping @Sendable () -> Double) {
        self.next = next
    }

    /// The system random generator.
    public static let system = JitterSource { Double.random(in: 0..<1) }

    /// Always the same value; `fixed(1)` makes every backoff its maximum.
    public static func fixed(_ value: Double) -> JitterSource { JitterSource { value } }

    /// The next value in `0...1`.
    public func unitValue() -> Double { min(max(next(), 0), 1) }
}
