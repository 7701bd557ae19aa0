/// Walks the two pagination styles of the Developer Console to the end (adobe-io-console.md §5).
///
/// Pure over a page-fetching closure, so the walking logic is tested without a server.
public enum PageWalker {
    /// 1-based pages of a bare array (`/projects`): asks for `page=1,2,…` with `size`, stops at a short page.
    public static func walkOneBased<T>(
        pageSize: Int,
        maximumPages: Int = 10_000,
        fetch: (_ page: Int, _ size: Int) async throws -> [T]
    ) async throws -> [T] {
        var all: [T] = []
        var page = 1
        while page <= maximumPages {
            let items = try await fetch(page, pageSize)
            all += items
            if items.count < pageSize { break }
            page += 1
        }
        return all
    }

    /// One page of the 0-based envelope style: `{page, pages, size, total, content}`.
    public struct Envelope<T: Decodable & Sendable>: Decodable, Sendable {
        /// The 0-based page index.
        public var page: Int?
        /// The number of pages.
        public var pages: Int?
        /// The page size.
        public var size: Int?
        /// The number of items in all pages.
        public var total: Int?
        /// The items.
        public var content: [T]

        /// Creates an envelope.
        public init(page: Int?, pages: Int?, size: Int?, total: Int?, content: [T]) {
            self.page = page
            self.pages = pages
            self.size = size
            self.total = total
            self.content = content
        }
    }

    /// 0-based pages with an envelope (`/integrations`): walks `page=0,1,…` until `pages`, `total` or an empty page says stop.
    public static func walkZeroBased<T>(
        pageSize: Int,
        maximumPages: Int = 10_000,
        fetch: (_ page: Int, _ size: Int) async throws -> Envelope<T>
    ) async throws -> [T] {
        var all: [T] = []
        var page = 0
        while page < maximumPages {
            let envelope = try await fetch(page, pageSize)
            all += envelope.content
            if envelope.content.isEmpty { break }
            if let pages = envelope.pages, page + 1 >= pages { break }
            if let total = envelope.total, all.count >= total { break }
            if envelope.pages == nil, envelope.total == nil, envelope.content.count < pageSize { break }
            page += 1
        }
        return all
    }
}
