/// Where lines start in a parsed text, to turn libyaml's character index into a 1-based line and column.
///
/// libyaml counts `mark.index` and `mark.column` in the same unit (characters, that is Unicode scalars;
/// a leading byte order mark is not counted), so `index - column` is the index where the mark's line
/// starts. The parser records that for every event mark; a position is then found by a binary search over
/// the recorded lines. Only lines holding a mark are recorded, which is enough: every stored index comes
/// from a recorded mark.
///
/// The table is filled while one parse runs, before any node that refers to it is returned, and never
/// changes afterwards; that is why it may be shared across threads.
final class LineTable: @unchecked Sendable {
    /// 1-based line numbers, ascending.
    private var lines: [UInt32] = []
    /// The character index where each of `lines` starts, ascending.
    private var starts: [UInt32] = []
    /// The largest index recorded so far.
    private var largestIndex: UInt32 = 0

    init() {
        lines.reserveCapacity(1024)
        starts.reserveCapacity(1024)
    }

    /// Records libyaml's 0-based mark (`line`, `column`, character `index`); returns the index to store.
    func record(index: Int, line: Int, column: Int) -> UInt32 {
        let storedIndex = UInt32(clamping: index)
        let storedLine = UInt32(clamping: line + 1)
        let start = UInt32(clamping: index - column)
        defer { largestIndex = max(largestIndex, storedIndex) }
        guard let lastLine = lines.last else {
            lines.append(storedLine)
            starts.append(start)
            return storedIndex
        }
        if storedLine > lastLine {
            // At the end of a text without a final line break libyaml moves to a line the text does not
            // have (column 0, nothing read since the last mark). Such a mark stays "just after the last
            // character" of the last line, so one index never names two places.
            if column == 0, storedIndex == largestIndex {
                return storedIndex
            }
            lines.append(storedLine)
            starts.append(start)
        } else if storedLine < lastLine {
            // Marks normally arrive in text order; keep the table sorted if one does not.
            let slot = firstSlot(notBefore: storedLine)
            if slot == lines.count || lines[slot] != storedLine {
                lines.insert(storedLine, at: slot)
                starts.insert(start, at: slot)
            }
        }
        return storedIndex
    }

    /// The 1-based line and column of a recorded character index.
    func position(ofIndex index: UInt32) -> (line: Int, column: Int) {
        // The last recorded line starting at or before `index`.
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        guard low > 0 else { return (1, Int(index) + 1) }
        return (Int(lines[low - 1]), Int(index - starts[low - 1]) + 1)
    }

    /// The first slot whose line is `line` or later.
    private func firstSlot(notBefore line: UInt32) -> Int {
        var low = 0
        var high = lines.count
        while low < high {
            let middle = (low + high) / 2
            if lines[middle] < line {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
