/// An error in compiling FEEL text. The decision table reader adds the decision, rule and
/// column to it in a `DMNParseError`.
enum FEELError: Error, Equatable {
    /// The text is not valid FEEL; `position` is the 1-based character where reading stopped.
    case syntax(position: Int, reason: String)
    /// The text is valid FEEL that this evaluator does not implement.
    case unsupported(feature: String)
}
