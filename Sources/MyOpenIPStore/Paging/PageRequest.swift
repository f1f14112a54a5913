/// A page of a list ordered by id: at most `limit` rows after (or before) the cursor.
public struct PageRequest: Sendable, Hashable {
    public static let defaultSize = 50
    public static let maximumSize = 500

    /// The rows to return.
    public var limit: Int
    /// The id of the last row of the previous page, or nil for the first page.
    public var cursor: Int64?

    public init(limit: Int = defaultSize, cursor: Int64? = nil) {
        self.limit = limit
        self.cursor = cursor
    }
}

/// The rows of one page and the cursor of the next, nil on the last page.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: Int64?

    public init(items: [Item], nextCursor: Int64?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// A page from rows fetched with `limit + 1`: the extra row only tells that there is more.
    init(fetched: [Item], limit: Int, id: (Item) -> Int64) {
        if fetched.count > limit {
            items = Array(fetched.prefix(limit))
            nextCursor = items.last.map(id)
        } else {
            items = fetched
            nextCursor = nil
        }
    }
}
