import CNcursesw
import Foundation

/// Terminal column widths of text, as ncursesw computes them: the sum of `wcwidth` over
/// the Unicode scalars, so CJK and emoji take 2 columns and combining marks 0.
///
/// `wcwidth` reports wide characters only under a UTF-8 `LC_CTYPE`, so the first width
/// call makes sure of one (see `ensureUTF8CharacterType`).
enum TextWidth {
    /// The character drawn in place of control characters and unprintable scalars.
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// The marker that ends a truncated text.
    static let ellipsis = "…"

    private static let localeReady: Bool = ensureUTF8CharacterType()

    /// Applies the environment's locale for the terminal, keeping `LC_NUMERIC` at "C" so
    /// C number parsing stays independent of the user's decimal separator.
    /// - Returns: whether `LC_CTYPE` is UTF-8 afterwards.
    @discardableResult
    static func prepareLocale() -> Bool {
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        return ensureUTF8CharacterType()
    }

    /// Switches `LC_CTYPE` to the environment's, then to `C.UTF-8`, until its codeset is
    /// UTF-8.
    ///
    /// NOTE: this assumes a UTF-8 terminal even when `LANG` is unset, which is the usual
    /// case over SSH to a minimal server. A terminal in a legacy codeset shows wrong glyphs.
    /// - Returns: whether `LC_CTYPE` is UTF-8 afterwards.
    @discardableResult
    static func ensureUTF8CharacterType() -> Bool {
        if isUTF8Codeset() { return true }
        setlocale(LC_CTYPE, "")
        if isUTF8Codeset() { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return isUTF8Codeset()
    }

    private static func isUTF8Codeset() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Returns the columns one scalar takes once sanitized: 0 for combining marks, 2 for wide
    /// characters, 1 for scalars that `sanitized` replaces with U+FFFD.
    static func width(of scalar: Unicode.Scalar) -> Int {
        let displayed = sanitizedScalar(scalar)
        if displayed == replacement { return 1 }
        return max(0, Int(wcwidth(wchar_t(bitPattern: displayed.value))))
    }

    /// Returns the columns a character takes (the sum over its scalars, as ncursesw places them).
    static func width(of character: Character) -> Int {
        character.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// Returns the columns `text` takes on the terminal.
    static func width(of text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
    }

    /// Returns whether every scalar of `text` is printable ASCII (space to `~`). Such text takes
    /// one column a character and needs no sanitizing, so the panes measure it without `wcwidth`.
    static func isPrintableASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x20..<0x7F).contains($0) }
    }

    /// Replaces every character of `text` that would move the cursor or change the
    /// terminal. A tab becomes a space. Other C0/C1 controls, DEL, bidirectional overrides
    /// and unprintable scalars become U+FFFD.
    static func sanitized(_ text: String) -> String {
        if isPrintableASCII(text) { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(sanitizedScalar(scalar))
        }
        return String(result)
    }

    private static func sanitizedScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value == 0x09 { return " " }
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return replacement }
        if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
            return replacement
        }
        _ = localeReady
        if wcwidth(wchar_t(bitPattern: value)) < 0 { return replacement }
        return scalar
    }

    /// Cuts `text` to at most `columns` columns, ending in `…` when anything was cut.
    /// A wide character that would straddle the limit is dropped whole, so the result may
    /// be one column narrower than `columns`.
    static func truncated(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        let ellipsisWidth = width(of: ellipsis)
        guard columns > ellipsisWidth else { return String(repeating: ".", count: columns) }
        return prefix(of: text, columns: columns - ellipsisWidth) + ellipsis
    }

    /// Cuts `text` from the start to at most `columns` columns, beginning with `…` when
    /// anything was cut (for paths, whose end matters most).
    static func truncatedFromStart(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        let budget = columns - width(of: ellipsis)
        var used = 0
        var tail: [Character] = []
        for character in text.reversed() {
            let characterWidth = width(of: character)
            if used + characterWidth > budget { break }
            used += characterWidth
            tail.append(character)
        }
        return ellipsis + String(tail.reversed())
    }

    /// Returns the longest leading part of `text` that fits in `columns` without splitting
    /// a character.
    static func prefix(of text: String, columns: Int) -> String {
        var used = 0
        var result = ""
        for character in text {
            let characterWidth = width(of: character)
            if used + characterWidth > columns { break }
            used += characterWidth
            result.append(character)
        }
        return result
    }

    /// Returns the head of a word too long for a line: up to its last `/` that fits, so a
    /// path breaks between folder names, else as many characters as fit.
    private static func pathAwarePrefix(of word: String, columns: Int) -> String {
        let head = prefix(of: word, columns: columns)
        guard let slash = head.lastIndex(of: "/"), slash != head.startIndex else { return head }
        return String(head[...slash])
    }

    /// Truncates `text` to `columns` and pads it with spaces to exactly `columns` columns.
    static func fitted(_ text: String, to columns: Int) -> String {
        let cut = truncated(text, to: columns)
        let missing = columns - width(of: cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// Breaks `text` into lines of at most `columns` columns, at spaces where possible.
    /// Words longer than a line are split between characters. Newlines in `text` start
    /// new lines.
    static func wrapped(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(contentsOf: wrappedParagraph(sanitized(String(paragraph)), to: columns))
        }
        return lines
    }

    private static func wrappedParagraph(_ paragraph: String, to columns: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
            var rest = String(word)
            let separator = current.isEmpty ? "" : " "
            if width(of: current + separator + rest) <= columns {
                current += separator + rest
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            while width(of: rest) > columns {
                let head = pathAwarePrefix(of: rest, columns: columns)
                guard !head.isEmpty else { break }
                lines.append(head)
                rest.removeFirst(head.count)
            }
            current = rest
        }
        lines.append(current)
        return lines
    }
}
