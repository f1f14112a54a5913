#if !FUZZING
    import Foundation

    /// Without the fuzzer (a plain `swift build`), `myopenip-fuzz` replays inputs: every file named
    /// on the command line, or in a folder named there, runs through its target once. The test suite
    /// replays the seed corpus and every crash kept from a fuzzing run this way.
    @main
    struct Replay {
        static func main() throws {
            let paths = CommandLine.arguments.dropFirst()
            guard !paths.isEmpty else {
                FileHandle.standardError.write(Data("usage: myopenip-fuzz FILE|FOLDER...\n".utf8))
                exit(64)
            }
            var count = 0
            for path in paths {
                for file in try files(at: path) {
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
                    bytes.withUnsafeBytes { FuzzTarget.run($0) }
                    count += 1
                }
            }
            print("replayed \(count) inputs")
        }

        static func files(at path: String) throws -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
            }
            guard isFolder.boolValue else { return [path] }
            return try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { path + "/" + $0 }
        }
    }
#endif
