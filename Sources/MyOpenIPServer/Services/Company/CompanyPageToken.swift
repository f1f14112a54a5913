import Foundation
import MyOpenIPRPC
import MyOpenIPStore

/// The opaque `page_token` of a company list: where the next page starts, in the list's order
/// (base64url of `r:<id>` by reference, `n:<id>:<lower-cased name>` by name).
enum CompanyPageToken {
    static func encode(_ cursor: CompanyCursor?, order: CompanyOrder) -> String {
        guard let cursor else { return "" }
        let text = order == .name ? "n:\(cursor.id):\(cursor.nameKey ?? "")" : "r:\(cursor.id)"
        return Base64URL.encode(Array(text.utf8))
    }

    static func decode(_ token: String, order: CompanyOrder) throws(RPCError) -> CompanyCursor? {
        guard !token.isEmpty else { return nil }
        let invalid = RPCError(
            .invalidArgument, "page_token is not a token of this list (same filters and order)", reason: "PAGE_TOKEN_INVALID",
            field: "page_token")
        guard token.utf8.count <= 1024, let bytes = Base64URL.decode(token), let text = String(bytes: bytes, encoding: .utf8)
        else {
            throw invalid
        }
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        switch (order, parts.first) {
        case (.reference, "r") where parts.count == 2:
            guard let id = Int64(parts[1]), id > 0 else { throw invalid }
            return CompanyCursor(id: id)
        case (.name, "n") where parts.count == 3:
            guard let id = Int64(parts[1]), id > 0 else { throw invalid }
            return CompanyCursor(id: id, nameKey: String(parts[2]))
        default:
            throw invalid
        }
    }
}
