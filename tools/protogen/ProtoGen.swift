import Foundation

/// `myopenip-protogen`: generates the project's glue from `proto/` (see tools/generate-glue.sh).
///
///     myopenip-protogen --descriptor-set SET --files a.proto,b.proto \
///         --server DIR --client DIR --c-header FILE --c-source FILE [--check]
///
/// SET is what `protoc --include_imports --include_source_info --descriptor_set_out` wrote.
/// With `--check`, nothing is written: the command fails when a committed file differs from
/// what it would write, or when a generated folder holds a file it would not write.
@main
struct ProtoGen {
    static func main() {
        do {
            let arguments = try Arguments(CommandLine.arguments.dropFirst())
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: arguments.descriptorSet)))
            let model = try ContractModel(descriptorSet: bytes, generating: arguments.files)
            var outputs = GeneratedFiles()
            for service in model.services {
                let server = SwiftServerGlue(service: service)
                outputs.add(folder: arguments.serverFolder, name: server.fileName, content: server.render())
                let client = SwiftClientGlue(service: service)
                outputs.add(folder: arguments.clientFolder, name: client.fileName, content: client.render())
            }
            let fields = FieldTableGlue(fieldNames: model.fieldNames, multilineFields: model.multilineFields)
            outputs.add(folder: arguments.serverFolder, name: fields.fileName, content: fields.render())
            let c = CGlue(services: model.services)
            outputs.add(file: arguments.cHeader, content: c.header())
            outputs.add(file: arguments.cSource, content: c.source())
            if arguments.check {
                let problems = try outputs.differences()
                guard problems.isEmpty else {
                    for problem in problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
                    exit(1)
                }
            } else {
                try outputs.write()
            }
        } catch {
            FileHandle.standardError.write(Data("myopenip-protogen: \(error)\n".utf8))
            exit(1)
        }
    }
}

/// The command line.
struct Arguments {
    var descriptorSet = ""
    var files: Set<String> = []
    var serverFolder = ""
    var clientFolder = ""
    var cHeader = ""
    var cSource = ""
    var check = false

    init(_ arguments: ArraySlice<String>) throws {
        var iterator = arguments.makeIterator()
        func value(_ name: String) throws -> String {
            guard let next = iterator.next() else { throw ContractError(description: "\(name) needs a value") }
            return next
        }
        while let argument = iterator.next() {
            switch argument {
            case "--descriptor-set": descriptorSet = try value(argument)
            case "--files": files = Set(try value(argument).split(separator: ",").map(String.init))
            case "--server": serverFolder = try value(argument)
            case "--client": clientFolder = try value(argument)
            case "--c-header": cHeader = try value(argument)
            case "--c-source": cSource = try value(argument)
            case "--check": check = true
            default: throw ContractError(description: "unknown argument \(argument)")
            }
        }
        for (name, given) in [
            ("--descriptor-set", descriptorSet), ("--server", serverFolder), ("--client", clientFolder),
            ("--c-header", cHeader), ("--c-source", cSource),
        ] where given.isEmpty {
            throw ContractError(description: "\(name) is required")
        }
        if files.isEmpty { throw ContractError(description: "--files is required") }
    }
}

/// What one run generates: whole folders (every file in them is generated) and single files.
struct GeneratedFiles {
    private var folders: [String: [String: String]] = [:]
    private var files: [String: String] = [:]

    mutating func add(folder: String, name: String, content: String) {
        folders[folder, default: [:]][name] = content
    }

    mutating func add(file: String, content: String) {
        files[file] = content
    }

    func write() throws {
        let manager = FileManager.default
        for (folder, contents) in folders {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for existing in try manager.contentsOfDirectory(atPath: folder) where contents[existing] == nil {
                try manager.removeItem(atPath: folder + "/" + existing)
            }
            for (name, content) in contents { try write(content, to: folder + "/" + name) }
        }
        for (path, content) in files { try write(content, to: path) }
    }

    private func write(_ content: String, to path: String) throws {
        guard (try? String(contentsOfFile: path, encoding: .utf8)) != content else { return }
        try content.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// What differs between the files on disk and these, one line each.
    func differences() throws -> [String] {
        var problems: [String] = []
        func compare(_ path: String, _ content: String) {
            switch try? String(contentsOfFile: path, encoding: .utf8) {
            case nil: problems.append("\(path) is missing")
            case let existing? where existing != content: problems.append("\(path) is stale")
            default: break
            }
        }
        for (folder, contents) in folders.sorted(by: { $0.key < $1.key }) {
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in existing.sorted() where contents[name] == nil {
                problems.append("\(folder)/\(name) is not generated from proto/ any more")
            }
            for (name, content) in contents.sorted(by: { $0.key < $1.key }) { compare(folder + "/" + name, content) }
        }
        for (path, content) in files.sorted(by: { $0.key < $1.key }) { compare(path, content) }
        return problems
    }
}
