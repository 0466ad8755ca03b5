import Foundation

/// The decisions of one DMN file (DMN 1.1 to 1.5, as Camunda Modeler and other tools write
/// it), ready to evaluate.
///
/// Every decision must be a decision table, and every FEEL text in it must be in the subset
/// that docs/FEEL.md describes. Anything else is rejected when the file is parsed, so a
/// model that parses can be evaluated.
public struct DecisionModel: Sendable {
    /// The `id` attribute of `definitions`.
    public let id: String?
    /// The `name` attribute of `definitions`.
    public let name: String?
    /// The DMN version of the file's namespace, such as "1.3".
    public let dmnVersion: String
    /// The decisions in document order.
    public let decisions: [Decision]

    /// Parses a DMN file from a string.
    ///
    /// - Throws: `DMNParseError`, as `parse(data:)` does.
    public static func parse(string: String) throws -> DecisionModel {
        try parse(data: Data(string.utf8))
    }

    /// Parses a DMN file from XML bytes in the encoding its XML declaration names.
    ///
    /// Elements are matched by namespace URI, so any prefix (or none) may be bound to the DMN
    /// namespace. Vendor extensions and diagram elements are ignored.
    ///
    /// - Throws: `DMNParseError.malformedXML` for bytes that are not well-formed XML, and
    ///   `.notDMN` for another kind of document. `.invalidElement` for a missing id, a
    ///   duplicate decision id, an unknown hit policy, or a rule whose entries do not match
    ///   the columns. `.unsupportedElement` for decision logic other than a decision table.
    ///   `.invalidExpression` and `.unsupportedExpression` for FEEL text outside the subset.
    public static func parse(data: Data) throws -> DecisionModel {
        let root = try DMNXMLTreeBuilder.buildTree(from: data)
        return try DecisionModelReader(root: root).read()
    }

    /// Returns the decision with the id `idOrName`, else the first decision with that name.
    public func decision(id idOrName: String) -> Decision? {
        decisions.first { $0.id == idOrName } ?? decisions.first { $0.name == idOrName }
    }
}
