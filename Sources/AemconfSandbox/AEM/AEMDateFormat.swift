import Foundation

/// JCR date rendering: Sling's ECMA format (`Wed Nov 25 2026 10:00:00 GMT+0000`) and ISO 8601 with milliseconds.
///
/// Format styles are values, built once: every request that stamps `jcr:lastModified` or renders a node
/// formats dates, and a formatter object per call was a measurable share of the sandbox's time.
enum AEMDateFormat {
    private static let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let withoutFraction = Date.ISO8601FormatStyle()
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()

    static func ecma(_ iso: String) -> String {
        guard let date = parse(iso) else { return iso }
        let parts = utc.dateComponents([.weekday, .month, .day, .year, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let text = String(value ?? 0)
            return text.count < 2 ? "0" + text : text
        }
        return "\(weekdays[(parts.weekday ?? 1) - 1]) \(months[(parts.month ?? 1) - 1]) \(two(parts.day)) "
            + "\(parts.year ?? 0) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) GMT+0000"
    }

    static func iso(_ date: Date) -> String {
        date.formatted(withFraction)
    }

    static func parse(_ text: String) -> Date? {
        (try? withFraction.parse(text)) ?? (try? withoutFraction.parse(text))
    }
}
