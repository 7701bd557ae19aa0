import AemconfTestSupport
import Testing

@Suite struct MarkedTextTests {
    @Test func stripsMarkersAndRecordsTheirPositions() throws {
        let fixture = MarkedText("1️⃣a: 1\nb: 2️⃣[x, 3️⃣y]\n")
        #expect(fixture.text == "a: 1\nb: [x, y]\n")
        #expect(fixture.location(of: "1️⃣") == .init(line: 1, column: 1))
        #expect(fixture.location(of: "2️⃣") == .init(line: 2, column: 4))
        #expect(fixture.location(of: "3️⃣") == .init(line: 2, column: 8))
        #expect(fixture.location(of: "4️⃣") == nil)
        #expect(fixture.markerNames == ["1️⃣", "2️⃣", "3️⃣"])
    }

    @Test func countsColumnsInUnicodeScalars() {
        let fixture = MarkedText("äöü: \"ß€😀 1️⃣x\"\n🔟y")
        #expect(fixture.text == "äöü: \"ß€😀 x\"\ny")
        #expect(fixture.location(of: "1️⃣") == .init(line: 1, column: 11))
        #expect(fixture.location(of: "🔟") == .init(line: 2, column: 1))
    }

    @Test func treatsCRLFAsOneLineBreak() {
        let fixture = MarkedText("a: 1\r\nb: 1️⃣2\r\n")
        #expect(fixture.text == "a: 1\r\nb: 2\r\n")
        #expect(fixture.location(of: "1️⃣") == .init(line: 2, column: 4))
    }

    @Test func doesNotCountALeadingByteOrderMark() {
        let fixture = MarkedText("\u{FEFF}1️⃣a: 2️⃣b")
        #expect(fixture.text == "\u{FEFF}a: b")
        #expect(fixture.location(of: "1️⃣") == .init(line: 1, column: 1))
        #expect(fixture.location(of: "2️⃣") == .init(line: 1, column: 4))
    }

    @Test func leavesPlainDigitsAlone() {
        let fixture = MarkedText("port: 4502")
        #expect(fixture.text == "port: 4502")
        #expect(fixture.markers.isEmpty)
    }
}
