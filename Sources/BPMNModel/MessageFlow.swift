/// A `messageFlow` of a collaboration: a message passed from one pool or node to another.
///
/// The references are kept as written (with a prefix dropped when only the unprefixed id
/// exists) and are not checked, because a message flow may end at a pool, which has no flow
/// node.
public struct MessageFlow: Sendable, Equatable {
    public var id: String
    public var name: String?
    /// The id of the sending flow node or participant.
    public var sourceRef: String
    /// The id of the receiving flow node or participant.
    public var targetRef: String
    /// The id of the `message` root element carried, if named.
    public var messageRef: String?

    public init(
        id: String, name: String? = nil, sourceRef: String, targetRef: String,
        messageRef: String? = nil
    ) {
        self.id = id
        self.name = name
        self.sourceRef = sourceRef
        self.targetRef = targetRef
        self.messageRef = messageRef
    }
}
