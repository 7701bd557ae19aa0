import Foundation

/// Parses the `Retry-After` header: delta-seconds or an HTTP date.
public enum RetryAfter {
    /// The wait the header asks for, measured from `now`; `nil` when absent or unreadable.
    public static func parse(_ value: String?, now: Date) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0, seconds.isFinite {
            return .seconds(fractional: seconds)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return .seconds(fractional: max(0, date.timeIntervalSince(now)))
    }
}
