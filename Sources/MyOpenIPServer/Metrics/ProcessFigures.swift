import Foundation

/// The process's resident memory and open descriptors, from /proc (zero elsewhere).
struct ProcessFigures {
    var residentBytes: Int
    var openDescriptors: Int

    static func now() -> ProcessFigures {
        var resident = 0
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        {
            resident = kib * 1024
        }
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
        return ProcessFigures(residentBytes: resident, openDescriptors: descriptors)
    }
}
