import BPMNModel
import Foundation
import WorkflowEngine

/// A BPMN file read for `model import`, decoded to a string the engine can store.
struct ModelFile {
    var path: String
    var modelName: String
    var source: String

    /// Reads and decodes the file. UTF-8 is expected; files that declare ISO-8859-1 or
    /// windows-1252 are converted, and their XML declaration is rewritten to say UTF-8.
    /// - Parameter name: the model name; nil takes the file name without `.bpmn`.
    /// - Throws: `CommandFailure` naming the path when it cannot be read or decoded.
    static func read(path: String, name: String?) throws -> ModelFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandFailure("cannot import '\(path)': no such file")
        }
        if isFolder.boolValue {
            throw CommandFailure("cannot import '\(path)': it is a folder; give its files, such as '\(path)/*.bpmn'")
        }

        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = FileAccess.readProblem(path) ?? "\(error)"
            throw CommandFailure("cannot import '\(path)': \(reason); make the file readable for this user or give another file")
        }

        let modelName = name ?? defaultModelName(path: path)
        guard !modelName.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure("cannot import '\(path)': the file name gives an empty model name; set one with --name")
        }
        return ModelFile(path: path, modelName: modelName, source: try decode(data, path: path))
    }

    /// Extensions removed from a file name to form the model name, longest first.
    static let modelExtensions = [".dmn.xml", ".bpmn", ".dmn"]

    /// Returns the file name without its folder and without a `.bpmn`, `.dmn` or `.dmn.xml`
    /// extension (any letter case).
    static func defaultModelName(path: String) -> String {
        let fileName = (path as NSString).lastPathComponent
        guard let suffix = modelExtensions.first(where: { fileName.lowercased().hasSuffix($0) }) else {
            return fileName
        }
        return String(fileName.dropLast(suffix.count))
    }

    /// Parses the source as BPMN, as the engine will, to report problems with their position.
    /// - Returns: nil for a valid BPMN file, else the parser's error. A file that is well-formed
    ///   XML but not BPMN may still be a DMN file, which only the engine can tell.
    func bpmnProblem() -> BPMNParseError? {
        do {
            _ = try BPMNParser.parse(string: source)
            return nil
        } catch let error as BPMNParseError {
            return error
        } catch {
            return .malformedXML(line: 1, column: 1, reason: "\(error)")
        }
    }

    /// Imports the file, reporting failures as `path:line:column: reason` where the position
    /// is known and as `path: reason` otherwise.
    /// - Throws: `CommandFailure`.
    func importModel(into engine: WorkflowEngine) throws -> ModelRecord {
        let problem = bpmnProblem()
        if let problem, !problem.isNotBPMN {
            throw CommandFailure(describe(problem))
        }

        do {
            return try engine.importModel(name: modelName, source: source)
        } catch EngineError.invalidModel(_, let reason) {
            // Not BPMN and not DMN either: the BPMN parser's message with the root element's place.
            if let problem, reason == problem.description {
                throw CommandFailure(describe(problem))
            }
            throw CommandFailure("\(path): \(reason)")
        } catch {
            throw CommandFailure("cannot import '\(path)': \(ErrorText.describe(error))")
        }
    }

    /// Describes the parse error as `path:line:column: reason`. The parser reports a position
    /// only for malformed XML, so for other errors the root element or the element id is looked
    /// up in the source.
    func describe(_ error: BPMNParseError) -> String {
        switch error {
        case let .malformedXML(line, column, reason):
            return "\(path):\(line):\(column): invalid XML: \(reason)"
        case .notBPMN:
            let position = SourcePosition.ofRootElement(in: source)
            return "\(path):\(position.line):\(position.column): \(error.description)"
        case let .invalidElement(elementId, element, _):
            let position =
                elementId.flatMap { SourcePosition.ofAttribute("id", value: $0, in: source) }
                ?? SourcePosition.ofElement(named: element, in: source)
                ?? SourcePosition(line: 1, column: 1)
            return "\(path):\(position.line):\(position.column): \(error.description)"
        }
    }

    // MARK: Decoding

    private static let utf8ByteOrderMark = Data([0xEF, 0xBB, 0xBF])

    private static func decode(_ data: Data, path: String) throws -> String {
        var bytes = data
        if bytes.starts(with: utf8ByteOrderMark) { bytes = bytes.dropFirst(3) }

        let declared = declaredEncoding(bytes)?.lowercased()
        let singleByte: [String: String.Encoding] = [
            "iso-8859-1": .isoLatin1, "latin1": .isoLatin1, "iso_8859-1": .isoLatin1,
            "windows-1252": .windowsCP1252, "cp1252": .windowsCP1252,
        ]
        if let declared, let encoding = singleByte[declared] {
            guard let text = String(data: bytes, encoding: encoding) else {
                throw CommandFailure("cannot import '\(path)': the file is not valid \(declared)")
            }
            return rewriteDeclaration(of: text)
        }
        if let declared, declared != "utf-8", declared != "utf8" {
            throw CommandFailure(
                "cannot import '\(path)': unsupported encoding '\(declared)'; convert the file to UTF-8, "
                    + "for example with: iconv -f \(declared) -t UTF-8")
        }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw CommandFailure(
                "cannot import '\(path)': the file is not valid UTF-8; convert it, for example with: "
                    + "iconv -f ISO-8859-1 -t UTF-8")
        }
        return text
    }

    /// Returns the `encoding` pseudo-attribute of the XML declaration, if the file starts with one.
    private static func declaredEncoding(_ bytes: Data) -> String? {
        guard let head = String(data: bytes.prefix(200), encoding: .isoLatin1), head.hasPrefix("<?xml"),
            let end = head.range(of: "?>")
        else { return nil }
        let declaration = head[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func rewriteDeclaration(of text: String) -> String {
        guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return text }
        let declaration = String(text[..<end.lowerBound])
        let rewritten = declaration.replacingOccurrences(
            of: #"encoding\s*=\s*["'][^"']*["']"#, with: "encoding=\"UTF-8\"", options: .regularExpression)
        return rewritten + text[end.lowerBound...]
    }
}

extension BPMNParseError {
    /// Whether the file is well-formed XML with another root than BPMN's `definitions`.
    var isNotBPMN: Bool {
        if case .notBPMN = self { return true }
        return false
    }
}
