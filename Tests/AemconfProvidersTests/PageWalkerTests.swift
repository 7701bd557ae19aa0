import AemconfProviders
import Testing

@Suite struct PageWalkerTests {
    @Test func oneBasedWalksUntilAShortPage() async throws {
        var asked: [Int] = []
        let items = try await PageWalker.walkOneBased(pageSize: 10) { page, size -> [Int] in
            asked.append(page)
            let start = (page - 1) * size
            return Array(start..<min(start + size, 25))
        }
        #expect(asked == [1, 2, 3])
        #expect(items == Array(0..<25))
    }

    @Test func oneBasedAsksOnceMoreAfterAnExactlyFullLastPage() async throws {
        var asked: [Int] = []
        let items = try await PageWalker.walkOneBased(pageSize: 5) { page, size -> [Int] in
            asked.append(page)
            let start = (page - 1) * size
            return Array(start..<min(start + size, 10))
        }
        #expect(asked == [1, 2, 3])
        #expect(items.count == 10)
    }

    @Test func zeroBasedFollowsPagesFromTheEnvelope() async throws {
        var asked: [Int] = []
        let items = try await PageWalker.walkZeroBased(pageSize: 50) { page, size -> PageWalker.Envelope<Int> in
            asked.append(page)
            let start = page * size
            let content = Array(start..<min(start + size, 120))
            return PageWalker.Envelope(page: page, pages: 3, size: size, total: 120, content: content)
        }
        #expect(asked == [0, 1, 2])
        #expect(items == Array(0..<120))
    }

    @Test func zeroBasedStopsOnAnEmptyPageWithoutCounts() async throws {
        var asked: [Int] = []
        let items = try await PageWalker.walkZeroBased(pageSize: 2) { page, _ -> PageWalker.Envelope<Int> in
            asked.append(page)
            return PageWalker.Envelope(
                page: page, pages: nil, size: nil, total: nil, content: page < 2 ? [page * 2, page * 2 + 1] : [])
        }
        #expect(asked == [0, 1, 2])
        #expect(items == [0, 1, 2, 3])
    }
}
