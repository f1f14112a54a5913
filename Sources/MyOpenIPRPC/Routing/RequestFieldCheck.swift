import Foundation
import SwiftProtobuf

/// Checks a decoded request before any handler sees it: no text field holds a control character
/// (NUL, escapes, line breaks; tabs and line breaks only in the fields named multi-line), and no
/// enum field holds a value the contract does not define. Either is INVALID_ARGUMENT naming the
/// field by its path (`fields.address.city`), so that a cut or misread value is never stored.
public struct RequestFieldCheck: Sendable {
    /// The field names of each message (by full message name, then field number), to name a
    /// field at fault; a field not found is named `#number`.
    public let names: [String: [Int: String]]
    /// Full names (`myopenip.v1.SiteFields.opening_hours`) of the fields that may hold tabs and
    /// line breaks.
    public let multiline: Set<String>

    public init(names: [String: [Int: String]] = [:], multiline: Set<String> = []) {
        self.names = names
        self.multiline = multiline
    }

    public func check(_ message: some SwiftProtobuf.Message) throws(RPCError) {
        var visitor = FieldVisitor(check: self, messageName: type(of: message).protoMessageName, path: "")
        do {
            try message.traverse(visitor: &visitor)
        } catch let error as RPCError {
            throw error
        } catch {
            throw RPCError(.invalidArgument, "the request cannot be read", reason: "MALFORMED_PAYLOAD")
        }
    }

    /// Whether `text` is free of control characters (tabs, line feeds and carriage returns
    /// allowed when `multiline`).
    public static func isClean(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            if multiline, scalar == "\t" || scalar == "\n" || scalar == "\r" { return true }
            return scalar.properties.generalCategory != .control && scalar != "\u{2028}" && scalar != "\u{2029}"
        }
    }
}

/// Walks every set field of a message and its sub-messages.
private struct FieldVisitor: SwiftProtobuf.Visitor {
    let check: RequestFieldCheck
    let messageName: String
    let path: String

    private func fieldPath(_ number: Int) -> (path: String, fullName: String) {
        let name = check.names[messageName]?[number] ?? "#\(number)"
        return (path.isEmpty ? name : path + "." + name, messageName + "." + name)
    }

    private func checkText(_ value: String, fieldNumber: Int) throws {
        let (path, fullName) = fieldPath(fieldNumber)
        guard RequestFieldCheck.isClean(value, multiline: check.multiline.contains(fullName)) else {
            throw RPCError(
                .invalidArgument, "Ce champ contient un caractère de contrôle non autorisé", reason: "TEXT_CONTROL_CHARACTER",
                field: path)
        }
    }

    private func checkEnum<E: SwiftProtobuf.Enum>(_ value: E, fieldNumber: Int) throws {
        guard let cases = E.self as? any CaseIterable.Type, !Self.contains(cases, value) else { return }
        let (path, _) = fieldPath(fieldNumber)
        throw RPCError(
            .invalidArgument, "\(path): \(value.rawValue) is not a value of this enum", reason: "ENUM_VALUE_UNKNOWN", field: path)
    }

    private static func contains<C: CaseIterable, E: SwiftProtobuf.Enum>(_ type: C.Type, _ value: E) -> Bool {
        type.allCases.contains { ($0 as? E) == value }
    }

    private func visit<M: SwiftProtobuf.Message>(_ message: M, fieldNumber: Int) throws {
        let (path, _) = fieldPath(fieldNumber)
        var nested = FieldVisitor(check: check, messageName: M.protoMessageName, path: path)
        try message.traverse(visitor: &nested)
    }

    mutating func visitSingularStringField(value: String, fieldNumber: Int) throws {
        try checkText(value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedStringField(value: [String], fieldNumber: Int) throws {
        for text in value { try checkText(text, fieldNumber: fieldNumber) }
    }

    mutating func visitSingularEnumField<E: SwiftProtobuf.Enum>(value: E, fieldNumber: Int) throws {
        try checkEnum(value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
        for item in value { try checkEnum(item, fieldNumber: fieldNumber) }
    }

    mutating func visitPackedEnumField<E: SwiftProtobuf.Enum>(value: [E], fieldNumber: Int) throws {
        for item in value { try checkEnum(item, fieldNumber: fieldNumber) }
    }

    mutating func visitSingularMessageField<M: SwiftProtobuf.Message>(value: M, fieldNumber: Int) throws {
        try visit(value, fieldNumber: fieldNumber)
    }

    mutating func visitRepeatedMessageField<M: SwiftProtobuf.Message>(value: [M], fieldNumber: Int) throws {
        for item in value { try visit(item, fieldNumber: fieldNumber) }
    }

    mutating func visitMapField<KeyType, ValueType: MapValueType>(
        fieldType: _ProtobufMap<KeyType, ValueType>.Type, value: _ProtobufMap<KeyType, ValueType>.BaseType, fieldNumber: Int
    ) throws {
        for (key, item) in value {
            if let text = key as? String { try checkText(text, fieldNumber: fieldNumber) }
            if let text = item as? String { try checkText(text, fieldNumber: fieldNumber) }
        }
    }

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufEnumMap<KeyType, ValueType>.Type, value: _ProtobufEnumMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws {
        for (key, item) in value {
            if let text = key as? String { try checkText(text, fieldNumber: fieldNumber) }
            try checkEnum(item, fieldNumber: fieldNumber)
        }
    }

    mutating func visitMapField<KeyType, ValueType>(
        fieldType: _ProtobufMessageMap<KeyType, ValueType>.Type, value: _ProtobufMessageMap<KeyType, ValueType>.BaseType,
        fieldNumber: Int
    ) throws {
        for (key, item) in value {
            if let text = key as? String { try checkText(text, fieldNumber: fieldNumber) }
            try visit(item, fieldNumber: fieldNumber)
        }
    }

    // Numbers, booleans and bytes hold no text.
    mutating func visitSingularDoubleField(value: Double, fieldNumber: Int) throws {}
    mutating func visitSingularInt64Field(value: Int64, fieldNumber: Int) throws {}
    mutating func visitSingularUInt64Field(value: UInt64, fieldNumber: Int) throws {}
    mutating func visitSingularBoolField(value: Bool, fieldNumber: Int) throws {}
    mutating func visitSingularBytesField(value: Data, fieldNumber: Int) throws {}
    mutating func visitUnknown(bytes: Data) throws {}
}
