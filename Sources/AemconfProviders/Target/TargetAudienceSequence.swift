/// Target audiences walked with `offset`/`limit` paging, one page in memory at a time.
///
/// Stops at `total`, at an empty page, or at a short page.
public struct TargetAudienceSequence: AsyncSequence, Sendable {
    /// The element type.
    public typealias Element = TargetAudience

    let client: TargetClient
    let pageSize: Int

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(client: client, pageSize: Swift.max(1, pageSize))
    }

    /// Fetches the next page when the current one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        let client: TargetClient
        let pageSize: Int
        var buffer: [TargetAudience] = []
        var index = 0
        var offset = 0
        var finished = false

        /// The next audience, or `nil` at the end.
        public mutating func next() async throws -> TargetAudience? {
            while index >= buffer.count {
                if finished { return nil }
                let page = try await client.audiencePage(offset: offset, limit: pageSize)
                buffer = page.audiences
                index = 0
                offset += page.audiences.count
                if page.audiences.isEmpty || page.audiences.count < pageSize { finished = true }
                if let total = page.total, offset >= total { finished = true }
                if buffer.isEmpty { return nil }
            }
            defer { index += 1 }
            return buffer[index]
        }
    }
}
