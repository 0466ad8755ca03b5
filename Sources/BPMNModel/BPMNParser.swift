import Foundation

/// Parses BPMN 2.0 XML (bpmn.io, Camunda Modeler and other tools' files) into `Definitions`.
///
/// Namespaces are matched by URI, so the model may use the default namespace or any prefix.
/// Camunda extensions are read from `http://camunda.org/schema/1.0/bpmn`; other vendors'
/// extensions are ignored, and their attributes on flow nodes kept in `otherAttributes`.
public enum BPMNParser {
    /// Parses a model from a string.
    ///
    /// - Throws: `BPMNParseError`, as `parse(data:)` does.
    public static func parse(string: String) throws -> Definitions {
        try parse(data: Data(string.utf8))
    }

    /// Parses a model from XML bytes in the encoding that the XML declaration names.
    ///
    /// - Throws: `BPMNParseError.malformedXML` when the bytes are empty or not well-formed XML.
    ///   `.notBPMN` when the root is not `definitions` in the BPMN 2.0 model namespace.
    ///   `.invalidElement` for a duplicate id or a missing required id or reference. Also for a
    ///   reference to an element that does not exist in its scope, and for an invalid boolean
    ///   or integer. `.malformedXML` also for a file over `InputLimits.maximumModelBytes`, one
    ///   in an encoding that is not accepted and one that declares a document type (see
    ///   `InputLimits`).
    public static func parse(data: Data) throws -> Definitions {
        let root = try XMLTreeBuilder.buildTree(from: InputLimits.prepare(data))

        guard root.isBPMN("definitions") else {
            throw BPMNParseError.notBPMN(rootElement: root.qualifiedName, namespace: root.namespace)
        }

        let index = try IdentifierIndex(root: root)
        let reader = ModelReader(root: root, modelIds: index.ids)
        return try reader.readDefinitions()
    }
}
