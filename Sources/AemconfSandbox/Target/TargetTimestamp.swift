import Foundation

/// Target's date-time format, `2017-05-18T19:44:34Z` (UTC, seconds), produced without a formatter.
enum TargetTimestamp {
    /// Formats `date`.
    static func string(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        // Civil-from-days (H. Hinnant).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        guard (0...9_999).contains(year) else {
            return String(
                format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", year, month, day, rest / 3_600,
                (rest % 3_600) / 60, rest % 60)
        }
        var text: [UInt8] = []
        text.reserveCapacity(20)
        for (value, width, separator) in [
            (year, 4, "-"), (month, 2, "-"), (day, 2, "T"), (rest / 3_600, 2, ":"), ((rest % 3_600) / 60, 2, ":"),
            (rest % 60, 2, "Z"),
        ] as [(Int64, Int, Unicode.Scalar)] {
            appendDigits(value, width: width, to: &text)
            text.append(UInt8(separator.value))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` (0 or more) in decimal, zero-padded to `width` digits, as `%0<width>lld` prints it.
    private static func appendDigits(_ value: Int64, width: Int, to text: inout [UInt8]) {
        let digits = Array(String(value).utf8)
        if digits.count < width { text += Array(repeating: UInt8(ascii: "0"), count: width - digits.count) }
        text += digits
    }

    /// With milliseconds, as `requestTime` of an error (`2018-02-02T21:39:06.405Z`).
    static func stringWithMilliseconds(_ date: Date) -> String {
        let base = string(date)
        let millis = Int64((date.timeIntervalSince1970 * 1_000).rounded(.down)) % 1_000
        return String(base.dropLast()) + String(format: ".%03lldZ", (millis + 1_000) % 1_000)
    }
}
