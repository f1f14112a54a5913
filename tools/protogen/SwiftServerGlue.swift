/// The daemon's side of a service: its method contracts, the protocol a service implements, and
/// the registration of that protocol's methods on the router.
struct SwiftServerGlue {
    let service: ServiceModel

    var fileName: String { Names.serverProtocol(service.name) + ".swift" }

    func render() -> String {
        let proto = Names.serverProtocol(service.name)
        let contract = Names.contract(service.name)
        let out = CodeWriter()
        out.header(source: service.file)
        out.line("import MyOpenIPProto")
        out.line("import MyOpenIPRPC")
        out.line()
        out.line("/// What the contract says of each method of `\(service.fullName)`.")
        out.block("public enum \(contract)") {
            out.line("public static let serviceName = \"\(service.fullName)\"")
            for method in service.methods {
                out.line()
                out.line("/// `\(service.fullName)/\(method.name)`.")
                out.line("public static let \(Names.lowerCamel(method.name)) = MethodContract(")
                out.indented {
                    out.line("descriptor: MethodDescriptor(service: serviceName, method: \"\(method.name)\"),")
                    out.line("requestType: \"\(method.input.fullName)\",")
                    out.line("responseType: \"\(method.output.fullName)\",")
                    out.line("isServerStreaming: \(method.isServerStreaming),")
                    out.line("access: \(accessExpression(method.access)),")
                    out.line("isIdempotentWrite: \(method.isIdempotentWrite))")
                }
            }
            out.line()
            out.line("/// Every method, in the order of the proto file.")
            if service.methods.count == 1 {
                out.line("public static let methods: [MethodContract] = [\(Names.lowerCamel(service.methods[0].name))]")
            } else {
                out.line("public static let methods: [MethodContract] = [")
                out.indented {
                    for method in service.methods { out.line(Names.lowerCamel(method.name) + ",") }
                }
                out.line("]")
            }
        }
        out.line()
        out.line("/// The implementation of `\(service.fullName)`: it writes every method; the registration on the")
        out.line("/// router is generated.")
        if !service.comment.isEmpty {
            out.line("///")
            out.docComment(service.comment)
        }
        out.block("public protocol \(proto): ContractService") {
            for (index, method) in service.methods.enumerated() {
                if index > 0 { out.line() }
                out.docComment(method.comment)
                let name = Names.lowerCamel(method.name)
                if method.isServerStreaming {
                    out.line("func \(name)(")
                    out.indented {
                        out.line("_ request: \(method.input.swift), stream: ResponseStream<\(method.output.swift)>,")
                        out.line("context: ServerContext")
                    }
                    out.line(") async throws")
                } else {
                    out.line("func \(name)(")
                    out.indented { out.line("_ request: \(method.input.swift), context: ServerContext") }
                    out.line(") async throws -> \(method.output.swift)")
                }
            }
        }
        out.line()
        out.block("extension \(proto)") {
            out.line("public static var serviceName: String { \(contract).serviceName }")
            out.line("public static var contracts: [MethodContract] { \(contract).methods }")
            for method in service.methods {
                let name = Names.lowerCamel(method.name)
                out.block("public static var \(name): MethodDescriptor") { out.line("\(contract).\(name).descriptor") }
            }
            out.line()
            out.block("public func register(on router: inout RPCRouter)") {
                for method in service.methods {
                    let name = Names.lowerCamel(method.name)
                    if method.isServerStreaming {
                        out.line("router.registerServerStreaming(")
                        out.indented {
                            out.line("Self.\(name),")
                            out.line("request: \(method.input.swift).self,")
                            out.line("response: \(method.output.swift).self")
                        }
                        out.line(") { request, stream, context in")
                        out.indented { out.line("try await self.\(name)(request, stream: stream, context: context)") }
                        out.line("}")
                    } else {
                        out.line("router.registerUnary(")
                        out.indented {
                            out.line("Self.\(name),")
                            out.line("request: \(method.input.swift).self,")
                            out.line("response: \(method.output.swift).self")
                        }
                        out.line(") { request, context in")
                        out.indented { out.line("try await self.\(name)(request, context: context)") }
                        out.line("}")
                    }
                }
            }
        }
        return out.text
    }

    private func accessExpression(_ access: AccessModel) -> String {
        switch access {
        case .audience(let audience): return ".\(audience)"
        case .permission(let permission): return ".permission(.\(permission))"
        }
    }
}
