import Foundation

extension String {
    /// Returns the string without leading and trailing white space, and line breaks too when
    /// `includingNewlines` is true: the result of `trimmingCharacters(in:)` with
    /// `.whitespacesAndNewlines` or `.whitespaces`. A string that starts and ends with a
    /// printable ASCII character other than space, as model expressions almost always do, is
    /// returned as it is without calling Foundation.
    func trimmingWhitespace(includingNewlines: Bool) -> String {
        if let first = utf8.first, let last = utf8.last, Self.isPrintableASCII(first), Self.isPrintableASCII(last) {
            return self
        }
        return trimmingCharacters(in: includingNewlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// Reports whether a UTF-8 byte is an ASCII character from `!` to `~`, which no white
    /// space set contains.
    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte >= 0x21 && byte <= 0x7E
    }
}
