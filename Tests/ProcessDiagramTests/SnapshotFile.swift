import Foundation
import XCTest

/// Compares text with a stored snapshot file. With `DIAGRAM_RECORD=1` in the environment,
/// it writes the file instead, so an intended change is recorded by running the test once.
enum SnapshotFile {
    static func assertMatches(_ text: String, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = ModelFiles.snapshots.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["DIAGRAM_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: ModelFiles.snapshots, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
            XCTFail("snapshot \(url.path) is missing; run the test with DIAGRAM_RECORD=1 to write it", file: file, line: line)
            return
        }
        if stored != text {
            XCTFail("snapshot \(name) differs (- stored, + drawn):\n" + diff(stored, text), file: file, line: line)
        }
    }

    /// Returns the lines that differ, with their line numbers.
    static func diff(_ old: String, _ new: String) -> String {
        let oldLines = old.components(separatedBy: "\n")
        let newLines = new.components(separatedBy: "\n")
        var result: [String] = []
        for index in 0..<max(oldLines.count, newLines.count) {
            let before = index < oldLines.count ? oldLines[index] : nil
            let after = index < newLines.count ? newLines[index] : nil
            guard before != after else { continue }
            if let before { result.append(String(format: "%4d - ", index + 1) + before) }
            if let after { result.append(String(format: "%4d + ", index + 1) + after) }
        }
        return result.joined(separator: "\n")
    }
}
