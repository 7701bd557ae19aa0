/// A test fixture whose text carries emoji markers (`1️⃣` … `9️⃣`, `🔟`) where a finding must point.
///
/// The habit comes from swift-format's `MarkedText`: write the YAML with a marker just before the character
/// an error or node must point at, then compare the reported position with `location(of:)`. The markers are
/// removed from `text`, so positions are those of the text the parser really sees.
///
/// ```swift
/// let fixture = MarkedText("""
///     a: 1
///     1️⃣a: 2
///     """)
/// // fixture.text == "a: 1\na: 2", fixture.location(of: "1️⃣") == .init(line: 2, column: 1)
/// ```
///
/// Lines and columns are 1-based; columns count Unicode scalars. `\n`, `\r\n` and a lone `\r` each end a
/// line (as in YAML), and a byte order mark (U+FEFF) at the very start is kept in `text` but is not a column
/// (editors and libyaml do not count it).
public struct MarkedText: Sendable {
    /// A 1-based line and column (in Unicode scalars) in `text`.
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        /// 1-based line.
        public var line: Int
        /// 1-based column, in Unicode scalars.
        public var column: Int

        /// Creates a location.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        /// `line:column`.
        public var description: String { "\(line):\(column)" }
    }

    /// The text with every marker removed.
    public let text: String
    /// Each marker found (for example `"1️⃣"`) and where it stood in `text`.
    public let markers: [String: Location]

    /// Strips the markers from `textWithMarkers` and records where each one stood.
    ///
    /// A marker used twice is a mistake in the test and stops it with a precondition failure.
    public init(_ textWithMarkers: String) {
        var output = String.UnicodeScalarView()
        var markers: [String: Location] = [:]
        let scalars = Array(textWithMarkers.unicodeScalars)
        var line = 1
        var column = 1
        var index = 0
        if scalars.first == "\u{FEFF}" {
            output.append(scalars[0])
            index = 1
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if let marker = Self.marker(in: scalars, at: index) {
                precondition(markers[marker.name] == nil, "marker '\(marker.name)' is used twice in a fixture")
                markers[marker.name] = Location(line: line, column: column)
                index += marker.length
                continue
            }
            output.append(scalar)
            index += 1
            switch scalar {
            case "\n":
                line += 1
                column = 1
            case "\r":
                if index < scalars.count, scalars[index] == "\n" {
                    output.append(scalars[index])
                    index += 1
                }
                line += 1
                column = 1
            default:
                column += 1
            }
        }
        self.text = String(output)
        self.markers = markers
    }

    /// Where `marker` (for example `"1️⃣"`) stood, or `nil` when the fixture does not hold it.
    public func location(of marker: String) -> Location? {
        markers[marker]
    }

    /// The marker names in the order of their position in the text.
    public var markerNames: [String] {
        markers.sorted { ($0.value.line, $0.value.column) < ($1.value.line, $1.value.column) }.map(\.key)
    }

    /// Recognises `1️⃣`…`9️⃣` (digit, U+FE0F, U+20E3, the variation selector optional) and `🔟`.
    private static func marker(
        in scalars: [Unicode.Scalar],
        at index: Int
    ) -> (name: String, length: Int)? {
        let scalar = scalars[index]
        if scalar == "\u{1F51F}" {
            return ("🔟", 1)
        }
        guard ("1"..."9").contains(scalar), index + 1 < scalars.count else {
            return nil
        }
        let name = "\(scalar)\u{FE0F}\u{20E3}"
        if scalars[index + 1] == "\u{20E3}" {
            return (name, 2)
        }
        if scalars[index + 1] == "\u{FE0F}", index + 2 < scalars.count, scalars[index + 2] == "\u{20E3}" {
            return (name, 3)
        }
        return nil
    }
}
