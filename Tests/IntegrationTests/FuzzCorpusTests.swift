import Foundation
import Testing

@Suite("Fuzz corpus", .enabled(if: Executables.areBuilt, "build the products first: swift build"))
struct FuzzCorpusTests {
    /// The seeds of `tools/fuzz.sh` and every crash kept from it run again through their target:
    /// a fixed crash that comes back fails the suite.
    @Test func everySeedAndKeptCrashReplaysCleanly() async throws {
        let corpus = Executables.packageRoot + "/tools/fuzz/corpus"
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(inputs >= 15)
        let replay = try await Executables.run("myopenip-fuzz", [corpus])
        #expect(replay.status == 0, "\(replay.standardError)")
        #expect(replay.standardOutput == "replayed \(inputs) inputs\n")
    }
}
