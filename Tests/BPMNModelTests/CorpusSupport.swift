import BPMNModel
import Foundation
import XCTest

/// Access to the shared corpus of real BPMN files, which sits next to the repository.
enum Corpus {
    /// `../shared/corpus` relative to the repository root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/BPMNModelTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository root
        .deletingLastPathComponent()  // the folder that contains the repository
        .appendingPathComponent("shared/corpus")

    /// Returns the corpus folder at `relativePath`, or throws a skip when it is absent.
    static func folder(_ relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus not found at \(url.path); check out the shared corpus there")
        }
        return url
    }

    /// Reads the corpus file at `relativePath`, or throws a skip when it is absent.
    static func data(_ relativePath: String) throws -> Data {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw XCTSkip("corpus file not found at \(url.path)")
        }
        return try Data(contentsOf: url)
    }

    /// Parses the corpus file at `relativePath`.
    static func parse(_ relativePath: String) throws -> Definitions {
        try BPMNParser.parse(data: data(relativePath))
    }

    /// Lists the regular files under `folder` (recursively) whose names end in one of
    /// `extensions`, sorted by path.
    static func files(under folder: URL, extensions: [String]) -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard
            let enumerator = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: keys)
        else { return [] }

        var result: [URL] = []
        for case let url as URL in enumerator {
            let isFile = (try? url.resourceValues(forKeys: Set(keys)).isRegularFile) ?? false
            let name = url.lastPathComponent.lowercased()
            if isFile, extensions.contains(where: { name.hasSuffix($0) }) {
                result.append(url)
            }
        }
        return result.sorted { $0.path < $1.path }
    }

    /// Returns whether `data` names the BPMN 2.0 model namespace in its first 4 KiB.
    static func looksLikeBPMN(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(4096), as: UTF8.self)
        return head.contains("http://www.omg.org/spec/BPMN/20100524/MODEL")
    }
}

/// The outcome of parsing every file of a corpus folder.
struct CorpusSummary {
    var files = 0
    var loaded = 0
    var failures: [(path: String, error: BPMNParseError)] = []
    var otherErrors: [(path: String, error: Error)] = []

    /// Parses each file, recording success or the error.
    mutating func parse(_ urls: [URL], relativeTo folder: URL) {
        for url in urls {
            let path = String(url.path.dropFirst(folder.path.count + 1))
            files += 1
            do {
                let data = try Data(contentsOf: url)
                _ = try BPMNParser.parse(data: data)
                loaded += 1
            } catch let error as BPMNParseError {
                failures.append((path, error))
            } catch {
                otherErrors.append((path, error))
            }
        }
    }

    /// Formats one line for the folder, followed by one line per failure.
    func report(_ name: String) -> String {
        var lines = ["\(name): \(files) files, \(loaded) loaded, \(failures.count) failed"]
        for failure in failures {
            lines.append("  \(failure.path): \(failure.error)")
        }
        for other in otherErrors {
            lines.append("  \(other.path): not a BPMNParseError: \(other.error)")
        }
        return lines.joined(separator: "\n")
    }
}
