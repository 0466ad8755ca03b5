/// The purpose of a diagram cell, independent of colours. The inbox maps roles to theme
/// styles, and the command line maps them to ANSI SGR sequences or drops them.
public enum DiagramRole: String, CaseIterable, Sendable {
    /// Outlines and names of elements with no instance state.
    case normal
    /// Names and conditions of flows, and names of events and gateways.
    case label
    /// Pool and lane borders and names.
    case lane
    /// An element with a waiting item (a user task, a timer, a receive task).
    case waiting
    /// An element whose items all ended.
    case done
    /// An element with a failed item, or an instance that ended with an error.
    case failed
    /// A sequence flow that the instance took.
    case flowTaken
    /// The element that has the keyboard focus in the diagram view.
    case selected
    /// Message flows and associations.
    case link
}

/// The state of one element in an instance, as the diagram shows it.
public enum ElementActivity: Equatable, Sendable {
    /// Items wait at the element; the count is how many (more than one for multi-instance).
    case waiting(count: Int)
    /// Every item of the element ended.
    case done
    /// An item of the element failed.
    case failed
}
