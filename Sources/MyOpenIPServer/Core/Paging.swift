import MyOpenIPRPC
import MyOpenIPStore

extension PageRequest {
    /// The page a list request asks for: `size` 0 means the default, more than the maximum is
    /// refused; `token` is the `next_page_token` of the previous page, or empty.
    init(size: UInt32, token: String) throws(RPCError) {
        guard size <= PageRequest.maximumSize else {
            throw RPCError(
                .invalidArgument, "page_size must be at most \(PageRequest.maximumSize)", reason: "PAGE_SIZE_INVALID",
                field: "page_size")
        }
        var cursor: Int64?
        if !token.isEmpty {
            guard let value = Int64(token), value > 0 else {
                throw RPCError(
                    .invalidArgument, "page_token is not a token of this list", reason: "PAGE_TOKEN_INVALID", field: "page_token")
            }
            cursor = value
        }
        self.init(limit: size == 0 ? PageRequest.defaultSize : Int(size), cursor: cursor)
    }
}

extension Page {
    /// The `next_page_token` of this page: empty on the last one.
    var nextPageToken: String { nextCursor.map(String.init) ?? "" }
}
