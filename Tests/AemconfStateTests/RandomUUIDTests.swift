import Foundation
import Testing

@testable import AemconfState

/// Intent and lease ids come from ``RandomUUID`` instead of Foundation's `UUID()`; they must keep its text.
@Suite struct RandomUUIDTests {
    @Test func writesTheBitsAsFoundationWritesTheUUID() {
        let words: [(UInt64, UInt64)] = [
            (0, 0), (.max, .max), (0x0123_4567_89AB_CDEF, 0xFEDC_BA98_7654_3210),
            (0x1B4E_28BA_2FA1_11D2, 0x883F_0016_D3CC_A427),
        ]
        for (high, low) in words {
            let versioned = (high & ~0xF000) | 0x4000
            let varied = (low & ~(0xC000 << 48)) | (0x8000 << 48)
            var bytes: [UInt8] = []
            for shift in stride(from: 56, through: 0, by: -8) {
                bytes.append(UInt8((versioned >> UInt64(shift)) & 0xFF))
            }
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((varied >> UInt64(shift)) & 0xFF)) }
            let uuid = UUID(
                uuid: (
                    bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                    bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
                ))
            #expect(RandomUUID.lowercasedString(high: high, low: low) == uuid.uuidString.lowercased())
        }
    }

    @Test func isARandomVersionFourUUID() {
        var seen: Set<String> = []
        for _ in 0..<200 {
            let text = RandomUUID.lowercasedString()
            let uuid = UUID(uuidString: text)
            #expect(uuid?.uuidString.lowercased() == text)
            let characters = Array(text)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            seen.insert(text)
        }
        #expect(seen.count == 200)
    }
}
