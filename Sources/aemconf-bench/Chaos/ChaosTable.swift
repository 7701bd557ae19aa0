/// One line of the printed table: a figure and, when it has one, its target.
struct ChaosRow: Sendable {
    var part: String
    var trials: String
    var measure: String
    var result: String
    var target: String = ""
    /// `nil` for an informative figure without a target.
    var met: Bool?
}

/// The figures of every part, printed as an aligned table, with the notes that explain a missed target.
struct ChaosTable: Sendable {
    private(set) var rows: [ChaosRow] = []
    private(set) var notes: [String] = []

    mutating func append(_ part: ChaosPartResult) {
        rows += part.rows
        notes += part.notes
    }

    var allTargetsMet: Bool { rows.allSatisfy { $0.met != false } }

    var missed: [String] { rows.filter { $0.met == false }.map { "\($0.part): \($0.measure) \($0.result)" } }

    func render(header: String) -> String {
        let titles = ["part", "trials", "measure", "result", "target", "met"]
        let cells = rows.map { row in
            [row.part, row.trials, row.measure, row.result, row.target, row.met.map { $0 ? "yes" : "NO" } ?? ""]
        }
        let widths = titles.indices.map { column in
            ([titles[column]] + cells.map { $0[column] }).map(\.count).max() ?? 0
        }
        func line(_ values: [String]) -> String {
            zip(values, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }
        var text = [header, "", line(titles), line(widths.map { String(repeating: "-", count: $0) })]
        var previous = ""
        for (row, values) in zip(rows, cells) {
            var shown = values
            if row.part == previous {
                shown[0] = ""
                shown[1] = ""
            }
            previous = row.part
            text.append(line(shown))
        }
        if !notes.isEmpty {
            text += ["", "notes:"] + notes.map { "  " + $0 }
        }
        return text.joined(separator: "\n")
    }
}

/// What one part of the harness found.
struct ChaosPartResult: Sendable {
    var rows: [ChaosRow] = []
    var notes: [String] = []
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
