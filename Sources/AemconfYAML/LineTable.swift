/// Where lines start in a parsed text, to turn libyaml's character index into a 1-based line and column.
///
/// libyaml counts `mark.index` and `mark.column` in the same unit (characters, that is Unicode scalars;
/// a leading byte order mark is not counted), so `index - column` is the index where the mark's line
/// starts. The parser records that for every event mark. The table is dense, four bytes a line: a line
/// with no mark (a comment, say) repeats the start of the line before it, and a lookup picks the first
/// line of such a run, which is the one that holds the mark (no stored index ever lies on an unrecorded
/// line).
///
/// The table is filled while one parse runs, before any node that refers to it is returned, and never
/// changes afterwards; that is why it may be shared across threads.
final class LineTable: @unchecked Sendable {
    // Recording runs once per parser event, so these skip the runtime's exclusivity checks: the table is
    // only written by the one parse that fills it, never re-entrantly.

    /// `starts[n]` is the character index where line `n + 1` starts; ascending, with repeats.
    @exclusivity(unchecked) private var starts: [UInt32] = []
    /// The largest index recorded so far.
    @exclusivity(unchecked) private var largestIndex: UInt32 = 0

    /// A table for a text of about `byteCount` bytes.
    init(byteCount: Int) {
        starts.reserveCapacity(min(byteCount / 24 + 16, 1 << 24))
    }

    /// Records libyaml's 0-based mark (`line`, `column`, character `index`); returns the index to store.
    func record(index: Int, line: Int, column: Int) -> UInt32 {
        let storedIndex = UInt32(clamping: index)
        defer { largestIndex = max(largestIndex, storedIndex) }
        let start = UInt32(clamping: index - column)
        if line < starts.count {
            if starts[line] != start {
                // Marks normally arrive in text order; keep the table right if one does not.
                starts[line] = start
                var next = line + 1
                while next < starts.count, starts[next] < start {
                    starts[next] = start
                    next += 1
                }
            }
            return storedIndex
        }
        // At the end of a text without a final line break libyaml moves to a line the text does not have
        // (column 0, nothing read since the last mark). Such a mark stays "just after the last character"
        // of the last line, so one index never names two places.
        if column == 0, storedIndex == largestIndex, !starts.isEmpty {
            return storedIndex
        }
        let fill = starts.last ?? 0
        while starts.count < line {
            starts.append(fill)
        }
        starts.append(start)
        return storedIndex
    }

    /// Gives back the growth slack once parsing is done.
    func finish() {
        if starts.capacity > starts.count + starts.count / 8 + 64 {
            starts = Array(starts)
        }
    }

    /// The 1-based line and column of a recorded character index.
    func position(ofIndex index: UInt32) -> (line: Int, column: Int) {
        // The last line starting at or before `index`…
        let end = lineCount(startingAtOrBefore: index)
        guard end > 0 else { return (1, Int(index) + 1) }
        let start = starts[end - 1]
        // …and the first of the lines that repeat its start.
        let first = firstLine(startingAt: start, before: end)
        return (first + 1, Int(index - start) + 1)
    }

    /// How many lines start at or before `index`. Lookups mostly come while a file is being parsed, for
    /// nodes near the end of the table, so the last few lines are tried before a binary search.
    private func lineCount(startingAtOrBefore index: UInt32) -> Int {
        var candidate = starts.count
        let nearest = max(0, candidate - Self.nearbyLines)
        while candidate > nearest {
            if starts[candidate - 1] <= index { return candidate }
            candidate -= 1
        }
        var low = 0
        var high = nearest
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// The first line (0-based) before `end` that starts at `start`: lines without marks repeat the start
    /// of the line before them, and the first of such a run is the one holding the mark.
    private func firstLine(startingAt start: UInt32, before end: Int) -> Int {
        var first = end - 1
        let nearest = max(0, first - Self.nearbyLines)
        while first > nearest, starts[first - 1] == start {
            first -= 1
        }
        guard first == nearest, first > 0, starts[first - 1] == start else { return first }
        var low = 0
        var high = first
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < start {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// How many lines are scanned one by one before a lookup falls back to a binary search.
    private static let nearbyLines = 16
}
