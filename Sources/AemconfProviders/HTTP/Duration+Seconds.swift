extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// A duration from fractional seconds (negative values clamp to zero).
    static func seconds(fractional value: Double) -> Duration {
        guard value > 0, value.isFinite else { return .zero }
        return .nanoseconds(Int64(value * 1e9))
    }
}
