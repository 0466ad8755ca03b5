import Foundation
import XCTest

@testable import InboxUI

/// Compares rendered screens with expected text files in `Snapshots/`.
///
/// A snapshot contains the screen's text (each row between `|` marks, so trailing spaces show)
/// and, below it, the style of every run of cells: by role, or by the colours and attributes a
/// theme gives the role. Set `SNAPSHOT_RECORD=1` to rewrite the files; a missing file is
/// written and the test fails, so a new snapshot is always looked at once.
enum SnapshotSupport {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// Renders the grid as snapshot text. With `theme`, runs are named by the theme's style
    /// of the role (`fg=0 bg=6 bold`), else by the role.
    static func text(of screen: MemoryScreen, theme: Theme? = nil) -> String {
        var lines: [String] = []
        for row in 0..<screen.size.rows {
            lines.append("|" + screen.cells[row].map(\.text).joined() + "|")
        }
        lines.append("-- styles (row: first-last style)")
        for row in 0..<screen.size.rows {
            for run in runs(in: screen.cells[row]) where run.role != .normal || theme != nil {
                let name = theme.map { describe($0.style(run.role)) } ?? run.role.themeKey
                if theme != nil && name == describe(theme!.style(.normal)) { continue }
                lines.append("\(row): \(run.first)-\(run.last) \(name)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func runs(in cells: [MemoryScreen.Cell]) -> [(first: Int, last: Int, role: StyleRole)] {
        var result: [(first: Int, last: Int, role: StyleRole)] = []
        for (column, cell) in cells.enumerated() {
            if let last = result.last, last.role == cell.role, last.last == column - 1 {
                result[result.count - 1].last = column
            } else {
                result.append((column, column, cell.role))
            }
        }
        return result
    }

    static func describe(_ style: TextStyle) -> String {
        var parts = ["fg=\(name(style.foreground))", "bg=\(name(style.background))"]
        if style.attributes.contains(.bold) { parts.append("bold") }
        if style.attributes.contains(.reverse) { parts.append("reverse") }
        if style.attributes.contains(.underline) { parts.append("underline") }
        if style.attributes.contains(.dim) { parts.append("dim") }
        return parts.joined(separator: " ")
    }

    private static func name(_ color: ThemeColor) -> String {
        switch color {
        case .terminalDefault: return "default"
        case .palette(let index): return "\(index)"
        }
    }

    /// Compares `actual` with `Snapshots/NAME.txt`, failing with a line diff on a mismatch.
    static func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = folder.appendingPathComponent(name + ".txt")
        let record = ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1"
        guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            if !record {
                XCTFail("snapshot \(name) was missing and has been written to \(url.path); check it and run again", file: file, line: line)
            }
            return
        }
        guard expected != actual else { return }
        XCTFail("snapshot \(name) differs (SNAPSHOT_RECORD=1 rewrites it):\n" + diff(expected: expected, actual: actual), file: file, line: line)
    }

    /// Returns the differing lines as `-` expected and `+` actual, with 1-based line numbers.
    static func diff(expected: String, actual: String) -> String {
        let old = expected.components(separatedBy: "\n")
        let new = actual.components(separatedBy: "\n")
        var lines: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = old.indices.contains(index) ? old[index] : nil
            let after = new.indices.contains(index) ? new[index] : nil
            guard before != after else { continue }
            if let before { lines.append(String(format: "%4d - ", index + 1) + before) }
            if let after { lines.append(String(format: "%4d + ", index + 1) + after) }
            if lines.count > 80 {
                lines.append("… more differences")
                break
            }
        }
        return lines.joined(separator: "\n")
    }
}
