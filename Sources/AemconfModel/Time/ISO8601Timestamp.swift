import Foundation

/// ISO 8601 timestamps in UTC to the second (`2026-11-29T02:09:04Z`), the form state and outputs record.
///
/// The same text `ISO8601DateFormatter()` writes by default, from a value-type format style: creating an
/// `ISO8601DateFormatter` builds an ICU formatter, which cost more than the rest of a credential's commit.
public enum ISO8601Timestamp {
    private static let style = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 0) ?? .gmt)

    /// `date` as `yyyy-MM-dd'T'HH:mm:ss'Z'`.
    public static func string(from date: Date) -> String {
        style.format(date)
    }

    /// The date `text` names, in the form ``string(from:)`` writes (fractional seconds accepted too); `nil` otherwise.
    public static func date(from text: String) -> Date? {
        if let date = try? style.parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
