import Foundation
import MyOpenIPProto

/// The key/value pairs that travel with a call (`ttrpc.Request.metadata`).
///
/// Keys are compared lower-cased, as in HTTP/2 and gRPC; a key may appear more than once.
public struct Metadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// Well-known keys.
    public enum Keys {
        /// `authorization: Bearer <token>`.
        public static let authorization = "authorization"
        /// A caller-chosen id that the daemon logs with the call and stores with its audit events.
        public static let requestID = "x-request-id"
        /// A caller-chosen key that makes a write safe to retry.
        public static let idempotencyKey = "idempotency-key"
    }

    public private(set) var pairs: [(key: String, value: String)]

    public init() { pairs = [] }

    public init(dictionaryLiteral elements: (String, String)...) {
        pairs = elements.map { (key: $0.0.lowercased(), value: $0.1) }
    }

    /// Reads the metadata of a ttrpc request.
    public init(_ keyValues: [Ttrpc_KeyValue]) {
        pairs = keyValues.map { (key: $0.key.lowercased(), value: $0.value) }
    }

    /// The ttrpc wire form.
    public var keyValues: [Ttrpc_KeyValue] {
        pairs.map { pair in
            var keyValue = Ttrpc_KeyValue()
            keyValue.key = pair.key
            keyValue.value = pair.value
            return keyValue
        }
    }

    public var isEmpty: Bool { pairs.isEmpty }

    /// Appends a value, keeping the ones already there.
    public mutating func add(_ key: String, _ value: String) {
        pairs.append((key: key.lowercased(), value: value))
    }

    /// The first value of `key`, or sets `key` to one value (nil removes every value).
    public subscript(key: String) -> String? {
        get {
            let key = key.lowercased()
            return pairs.first(where: { $0.key == key })?.value
        }
        set {
            let key = key.lowercased()
            pairs.removeAll { $0.key == key }
            if let newValue { pairs.append((key: key, value: newValue)) }
        }
    }

    /// Every pair, in order, the union of this and `other`, with `other`'s values replacing this one's for the same key.
    public func merging(_ other: Metadata) -> Metadata {
        guard !other.isEmpty else { return self }
        var merged = self
        let replaced = Set(other.pairs.map(\.key))
        merged.pairs.removeAll { replaced.contains($0.key) }
        merged.pairs.append(contentsOf: other.pairs)
        return merged
    }

    /// The bearer token of the `authorization` entry, if any.
    public var bearerToken: String? {
        // On the UTF-8 bytes: this runs on every authenticated call.
        guard let value = self[Keys.authorization] else { return nil }
        let bytes = Array(value.utf8)
        let prefix = Array("bearer ".utf8)
        guard bytes.count > prefix.count,
            zip(bytes, prefix).allSatisfy({ byte, expected in (byte >= 65 && byte <= 90 ? byte + 32 : byte) == expected })
        else { return nil }
        func isSpace(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var token = bytes[prefix.count...]
        while let first = token.first, isSpace(first) { token = token.dropFirst() }
        while let last = token.last, isSpace(last) { token = token.dropLast() }
        return token.isEmpty ? nil : String(decoding: token, as: UTF8.self)
    }

    public var requestID: String? { self[Keys.requestID] }
    public var idempotencyKey: String? { self[Keys.idempotencyKey] }

    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
        pairs.makeIterator()
    }

    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.key)
            hasher.combine(pair.value)
        }
    }
}
