import Foundation
import WorkflowEngine

/// The text of a JSON option value or argument. `@FILE` reads the file and `-` reads standard
/// input, so data larger than one command-line argument (Linux caps one at 128 KiB) can be given.
/// Any other value is the JSON text itself. No JSON text starts with `@` or is a lone `-`, so the
/// two spellings cannot hide a literal value.
struct JSONArgumentSource {
    /// The JSON text.
    var text: String
    /// The file the text came from, `standard input`, or nil for text given on the command line.
    var origin: String?

    /// The help text sentence for options that take JSON.
    static let optionHelp = "@FILE reads the JSON from FILE, - from standard input"

    /// Returns whether `value` names a file or standard input instead of being JSON text.
    static func isIndirect(_ value: String) -> Bool {
        value == "-" || value.hasPrefix("@")
    }

    /// Reads the text `value` stands for.
    /// - Parameter label: the option or argument the value came from, such as `--data`.
    /// - Throws: `UsageError` for `@` without a file name and for a second option that reads
    ///   standard input. `CommandFailure` (exit status 1) naming the file when it is missing,
    ///   unreadable, a folder or not UTF-8 text.
    static func read(_ value: String, label: String, command: CommandSpec) throws -> JSONArgumentSource {
        if value == "-" {
            return try readStandardInput(label: label, command: command)
        }
        guard value.hasPrefix("@") else { return JSONArgumentSource(text: value, origin: nil) }

        let path = String(value.dropFirst())
        guard !path.isEmpty else {
            throw UsageError(
                "\(label) '@' has no file name; write \(label) @FILE to read the JSON from FILE", command: command)
        }
        return JSONArgumentSource(text: try readFile(path, label: label), origin: path)
    }

    /// The option that already read standard input in this process, because it can be read once.
    nonisolated(unsafe) private static var standardInputReader: String?

    private static func readStandardInput(label: String, command: CommandSpec) throws -> JSONArgumentSource {
        if let earlier = standardInputReader {
            throw UsageError(
                "\(label) and \(earlier) both read standard input ('-'), which can be read once; "
                    + "give one of them as @FILE", command: command)
        }
        standardInputReader = label

        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(label) -: standard input is not UTF-8 text; give UTF-8 encoded JSON")
        }
        return JSONArgumentSource(text: text, origin: "standard input")
    }

    private static func readFile(_ path: String, label: String) throws -> String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure("cannot read \(label) file '\(path)': it is a folder, not a file; give a JSON file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileAccess.readProblem(path) ?? "it cannot be read"
            throw CommandFailure("cannot read \(label) file '\(path)': \(reason); give a readable JSON file after '@'")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("cannot read \(label) file '\(path)': it is not UTF-8 text; save it as UTF-8 JSON")
        }
        return text
    }

    /// Describes a syntax error in the text. Text read from a file or standard input gets the
    /// position as `FILE:LINE:COLUMN: reason`, like `model import`; text given inline gets
    /// the quoted text and the reason.
    func describe(_ error: JSONSyntaxError) -> String {
        guard let origin else { return "'\(error.text)': \(error.reason)" }

        let position = SourcePosition.ofByteOffset(error.byteOffset, in: text)
        var reason = error.reason
        if let range = reason.range(of: " at character ", options: .backwards) {
            reason = String(reason[..<range.lowerBound])
        }
        return "\(origin):\(position.line):\(position.column): \(reason)"
    }
}
