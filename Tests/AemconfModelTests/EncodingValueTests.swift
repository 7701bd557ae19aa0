import AemconfModel
import Foundation
import Testing

/// `Hex` and `ISO8601Timestamp` write exactly what the Foundation calls they replace wrote, so fingerprints, digests
/// and timestamps already in state files compare equal.
struct EncodingValueTests {
    @Test func hexIsWhatStringFormatWrote() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 8, 20, 32, 257] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Hex.encode(bytes) == bytes.map { String(format: "%02x", $0) }.joined())
        }
        #expect(Hex.encode([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }

    @Test func timestampsAreWhatISO8601DateFormatterWroteAndRead() {
        let formatter = ISO8601DateFormatter()
        for seconds in [0.0, 1_764_380_944, 1_800_000_000.75, 4_102_444_799] {
            let date = Date(timeIntervalSince1970: seconds)
            let text = ISO8601Timestamp.string(from: date)
            #expect(text == formatter.string(from: date))
            #expect(ISO8601Timestamp.date(from: text) == formatter.date(from: text))
        }
        #expect(ISO8601Timestamp.date(from: "2026-11-29T02:09:04.250Z")?.timeIntervalSince1970 == 1_795_918_144.25)
        #expect(ISO8601Timestamp.date(from: "not a date") == nil)
    }
}
