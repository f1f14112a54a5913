/// The typed Swift client of a service: one method per proto method, taking the request message
/// and `CallOptions`. Hand-written conveniences extend it.
struct SwiftClientGlue {
    let service: ServiceModel

    var fileName: String { Names.client(service.name) + ".swift" }

    func render() -> String {
        let client = Names.client(service.name)
        let out = CodeWriter()
        out.header(source: service.file)
        out.line("import MyOpenIPProto")
        out.line("import MyOpenIPRPC")
        out.line()
        out.line("/// The typed client of `\(service.fullName)`.")
        if !service.comment.isEmpty {
            out.line("///")
            out.docComment(service.comment)
        }
        out.block("public struct \(client): Sendable") {
            out.line("/// The methods of `\(service.fullName)`.")
            out.block("public enum Method") {
                out.line("public static let serviceName = \"\(service.fullName)\"")
                for method in service.methods {
                    out.line("public static let \(Names.lowerCamel(method.name)) = MethodDescriptor(")
                    out.indented { out.line("service: serviceName, method: \"\(method.name)\")") }
                }
            }
            out.line()
            out.line("public let client: MyOpenIPClient")
            out.line()
            out.block("public init(client: MyOpenIPClient)") { out.line("self.client = client") }
            for method in service.methods {
                out.line()
                out.docComment(method.comment)
                let name = Names.lowerCamel(method.name)
                if method.isServerStreaming {
                    out.line("/// The sequence yields each message as it arrives and ends with the call.")
                    out.line("public func \(name)(")
                    out.indented { out.line("_ request: \(method.input.swift), options: CallOptions = .default") }
                    out.block(") async throws -> some AsyncSequence<\(method.output.swift), any Error>") {
                        out.line("try await client.serverStreaming(")
                        out.indented {
                            out.line("Method.\(name),")
                            out.line("request: request,")
                            out.line("as: \(method.output.swift).self,")
                            out.line("options: options")
                        }
                        out.line(")")
                    }
                } else {
                    out.line("public func \(name)(")
                    out.indented { out.line("_ request: \(method.input.swift), options: CallOptions = .default") }
                    out.block(") async throws -> \(method.output.swift)") {
                        out.line("try await client.unary(")
                        out.indented {
                            out.line("Method.\(name),")
                            out.line("request: request,")
                            out.line("as: \(method.output.swift).self,")
                            out.line("options: options")
                        }
                        out.line(")")
                    }
                }
            }
        }
        return out.text
    }
}
