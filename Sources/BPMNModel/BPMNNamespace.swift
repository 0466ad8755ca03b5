/// The XML namespace URIs the parser reads. Elements and attributes are matched by these URIs,
/// never by the prefix a file binds to them (`bpmn:`, `bpmn2:`, `semantic:` and a default
/// namespace are all common for the same model namespace).
enum BPMNNamespace {
    /// BPMN 2.0 semantic model elements (`definitions`, `process`, `userTask`, ...).
    static let model = "http://www.omg.org/spec/BPMN/20100524/MODEL"
    /// BPMN 2.0 diagram interchange (`BPMNDiagram`, `BPMNShape`, `BPMNEdge`, `BPMNLabel`).
    static let bpmnDI = "http://www.omg.org/spec/BPMN/20100524/DI"
    /// Diagram Definition common types (`Bounds`).
    static let dc = "http://www.omg.org/spec/DD/20100524/DC"
    /// Diagram Definition interchange (`waypoint`).
    static let di = "http://www.omg.org/spec/DD/20100524/DI"
    /// Camunda 7 extensions, as written by bpmn.io and Camunda Modeler.
    static let camunda = "http://camunda.org/schema/1.0/bpmn"
    /// Camunda 8 (Zeebe) extensions, as written by Camunda Modeler for Camunda 8.
    static let zeebe = "http://camunda.org/schema/zeebe/1.0"
    /// XML Schema instance (`xsi:type`).
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"
    /// The namespace that the reserved `xml:` prefix is always bound to.
    static let xml = "http://www.w3.org/XML/1998/namespace"
}
