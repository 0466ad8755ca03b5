import Foundation

/// Parses BPMN 2.0 XML into `Definitions`.
public enum BPMNParser {
    /// - Throws: `BPMNParseError`.
    public static func parse(string: String) throws -> Definitions {
        try parse(data: Data(string.utf8))
    }

    /// - Throws: `BPMNParseError`.
    public static func parse(data: Data) throws -> Definitions {
        throw BPMNParseError.notBPMN(rootElement: "unparsed", namespace: nil)
    }
}
