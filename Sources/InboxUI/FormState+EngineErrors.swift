import Foundation

/// Pointing at the input an engine error is about, so the cursor (and the next Ctrl-U)
/// is on the value to fix.
extension FormState {
    /// Moves the engine's error from the bottom of the form to the first input whose key
    /// the error names as a whole word, and focuses that input. Leaves the form as it is
    /// when the error names no input.
    mutating func moveFailureToNamedInput() {
        guard let failure, let index = Self.inputIndex(namedIn: failure, inputs: inputs) else { return }
        inputs[index].error = failure
        self.failure = nil
        focus = index
    }

    /// Returns the index of the editable input whose key occurs first in `text` as a whole
    /// word, or nil when none does.
    static func inputIndex(namedIn text: String, inputs: [FormInput]) -> Int? {
        var best: (index: Int, position: String.Index)?
        for (index, input) in inputs.enumerated() where !input.isReadOnly && !input.key.isEmpty {
            let pattern = "(?<![A-Za-z0-9_.])" + NSRegularExpression.escapedPattern(for: input.key) + "(?![A-Za-z0-9_])"
            guard let range = text.range(of: pattern, options: .regularExpression) else { continue }
            if best == nil || range.lowerBound < best!.position {
                best = (index, range.lowerBound)
            }
        }
        return best?.index
    }
}
