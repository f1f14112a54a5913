import MyOpenIPProto
import SwiftProtobuf

/// The services of `proto/` as the generator sees them: names, messages, comments and the
/// method options of `myopenip/v1/options.proto`.
struct ContractModel {
    var services: [ServiceModel]
    /// The field names of every message outside `google.protobuf` (full message name, then
    /// field number), to name a request's field at fault.
    var fieldNames: [String: [Int: String]] = [:]
    /// The full names of the text fields marked `(myopenip.v1.multiline)`.
    var multilineFields: Set<String> = []
}

/// One proto service.
struct ServiceModel {
    /// The fully qualified name, e.g. `myopenip.v1.SiteService`.
    var fullName: String
    /// The proto name, e.g. `SiteService`.
    var name: String
    /// The proto file that declares it, e.g. `myopenip/v1/site.proto`.
    var file: String
    /// Its leading comment, one entry a line.
    var comment: [String]
    var methods: [MethodModel]
}

/// One method of a service.
struct MethodModel {
    /// The proto name, e.g. `ListSites`.
    var name: String
    var comment: [String]
    /// The request and response messages: proto full name, Swift type, C type.
    var input: MessageName
    var output: MessageName
    var isServerStreaming: Bool
    var access: AccessModel
    var isIdempotentWrite: Bool
}

/// Who may call a method, read from its `(myopenip.v1.access)` option.
enum AccessModel {
    case audience(String)
    case permission(String)
}

/// A message's names in the three languages.
struct MessageName {
    var fullName: String
    var swift: String
    var c: String
    /// The protobuf-c header that declares it, e.g. `myopenip/v1/site.pb-c.h`.
    var cHeader: String
}

/// A contract the generator refuses, with what to fix.
struct ContractError: Error, CustomStringConvertible {
    var description: String
}

extension ContractModel {
    /// Reads a `protoc --include_imports --include_source_info --descriptor_set_out` set.
    init(descriptorSet bytes: [UInt8], generating files: Set<String>) throws {
        let set = try Google_Protobuf_FileDescriptorSet(
            serializedBytes: bytes, extensions: Myopenip_V1_Options_Extensions)
        var messages: [String: MessageName] = [:]
        var fieldNames: [String: [Int: String]] = [:]
        var multilineFields: Set<String> = []
        for file in set.file {
            let header = String(file.name.dropLast(".proto".count)) + ".pb-c.h"
            func collect(_ message: Google_Protobuf_DescriptorProto, scope: [String]) {
                let path = scope + [message.name]
                let fullName = ([file.package].filter { !$0.isEmpty } + path).joined(separator: ".")
                messages[fullName] = MessageName(
                    fullName: fullName,
                    swift: Names.swiftMessage(package: file.package, path: path),
                    c: Names.cMessage(package: file.package, path: path),
                    cHeader: header)
                if file.package != "google.protobuf" {
                    for field in message.field {
                        fieldNames[fullName, default: [:]][Int(field.number)] = field.name
                        if field.options.Myopenip_V1_multiline { multilineFields.insert(fullName + "." + field.name) }
                    }
                }
                for nested in message.nestedType { collect(nested, scope: path) }
            }
            for message in file.messageType { collect(message, scope: []) }
        }
        var services: [ServiceModel] = []
        var problems: [String] = []
        for file in set.file where files.contains(file.name) {
            let comments = SourceComments(file.sourceCodeInfo)
            for (serviceIndex, service) in file.service.enumerated() {
                let fullName = [file.package, service.name].filter { !$0.isEmpty }.joined(separator: ".")
                var methods: [MethodModel] = []
                for (methodIndex, method) in service.method.enumerated() {
                    let place = "\(file.name): \(fullName)/\(method.name)"
                    if method.clientStreaming {
                        problems.append("\(place): client streaming is not supported by ttrpc's server here")
                        continue
                    }
                    guard let input = messages[String(method.inputType.drop { $0 == "." })],
                        let output = messages[String(method.outputType.drop { $0 == "." })]
                    else {
                        problems.append("\(place): unknown message type")
                        continue
                    }
                    let access: AccessModel
                    switch method.options.Myopenip_V1_access.rule {
                    case .audience(let audience) where audience != .unspecified:
                        access = .audience(Names.caseName(of: "\(audience)"))
                    case .permission(let permission) where permission != .unspecified:
                        access = .permission(Names.caseName(of: "\(permission)"))
                    default:
                        problems.append(
                            "\(place) has no access option: add `option (myopenip.v1.access).audience = …;` or "
                                + "`option (myopenip.v1.access).permission = …;` (deny by default)")
                        continue
                    }
                    let isIdempotentWrite = method.options.Myopenip_V1_idempotentWrite
                    if isIdempotentWrite && method.serverStreaming {
                        problems.append("\(place): a server-streaming method cannot be an idempotent write")
                    }
                    if isIdempotentWrite, case .audience("public") = access {
                        problems.append("\(place): a public method cannot be an idempotent write (keys are per caller)")
                    }
                    methods.append(
                        MethodModel(
                            name: method.name,
                            comment: comments.lines(at: [6, Int32(serviceIndex), 2, Int32(methodIndex)]),
                            input: input, output: output,
                            isServerStreaming: method.serverStreaming,
                            access: access, isIdempotentWrite: isIdempotentWrite))
                }
                services.append(
                    ServiceModel(
                        fullName: fullName, name: service.name, file: file.name,
                        comment: comments.lines(at: [6, Int32(serviceIndex)]), methods: methods))
            }
        }
        guard problems.isEmpty else {
            throw ContractError(description: problems.joined(separator: "\n"))
        }
        self.services = services.sorted { $0.fullName < $1.fullName }
        self.fieldNames = fieldNames
        self.multilineFields = multilineFields
    }
}

/// The leading comments of a file's declarations, by descriptor path.
struct SourceComments {
    private var byPath: [[Int32]: String] = [:]

    init(_ info: Google_Protobuf_SourceCodeInfo) {
        for location in info.location where location.hasLeadingComments {
            byPath[location.path] = location.leadingComments
        }
    }

    /// The comment at `path`, as lines without their leading space; empty when there is none.
    func lines(at path: [Int32]) -> [String] {
        guard let text = byPath[path] else { return [] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix(" ") ? String($0.dropFirst()) : String($0)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }
}
