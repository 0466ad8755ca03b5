import Foundation

/// Returns the columns of a character by the C library's `wcwidth`. Swift's Glibc module does
/// not export it because glibc declares it only under `_XOPEN_SOURCE`. `wchar_t` is a 32-bit
/// signed integer on Linux.
@_silgen_name("wcwidth")
private func systemWcwidth(_ character: Int32) -> Int32

/// Terminal column widths for diagram text, by the same rule as ncursesw: the sum of
/// `wcwidth` over the Unicode scalars, so CJK and emoji take 2 columns and combining marks 0.
///
/// `wcwidth` reports wide characters only under a UTF-8 `LC_CTYPE`, so the first call
/// switches `LC_CTYPE` to the environment's or `C.UTF-8` when the current one is not UTF-8.
/// Control characters and unprintable scalars count as 1 column because `sanitized`
/// replaces them with U+FFFD.
public enum DisplayWidth {
    /// The marker that ends a shortened text.
    public static let ellipsis: Character = "…"

    private static let localeReady: Bool = prepareCharacterType()

    private static func prepareCharacterType() -> Bool {
        if isUTF8() { return true }
        setlocale(LC_CTYPE, "")
        if isUTF8() { return true }
        setlocale(LC_CTYPE, "C.UTF-8")
        return isUTF8()
    }

    private static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Returns the columns of one character (0, 1 or 2).
    public static func width(of character: Character) -> Int {
        if character.isASCII { return 1 }
        _ = localeReady
        var total = 0
        for scalar in character.unicodeScalars {
            let columns = Int(systemWcwidth(Int32(bitPattern: scalar.value)))
            total += columns < 0 ? 1 : columns
        }
        return min(total, 2)
    }

    /// Returns the columns `text` takes on the terminal.
    public static func width(of text: String) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// Replaces control characters, DEL and bidirectional overrides with U+FFFD and a tab
    /// with a space, so model text cannot move the cursor or reorder the drawing.
    public static func sanitized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x09 || value == 0x0A || value == 0x0D {
                scalars.append(" ")
            } else if value < 0x20 || (0x7F..<0xA0).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            {
                scalars.append("\u{FFFD}")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Cuts `text` to at most `columns` columns, ending in `…` when anything was cut.
    public static func truncated(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        return prefix(of: text, columns: columns - 1) + String(ellipsis)
    }

    /// Returns the longest leading part of `text` that fits in `columns`.
    public static func prefix(of text: String, columns: Int) -> String {
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

    /// Breaks `text` into at most `maxLines` lines of at most `columns` columns, at spaces
    /// where possible. When the text needs more lines, the last line ends in `…`.
    public static func wrapped(_ text: String, to columns: Int, maxLines: Int) -> [String] {
        guard columns > 0, maxLines > 0 else { return [] }
        var lines: [String] = []
        var current = ""
        var overflow = false

        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var rest = String(word)
            let candidate = current.isEmpty ? rest : current + " " + rest
            if width(of: candidate) <= columns {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            current = ""
            while width(of: rest) > columns {
                let head = prefix(of: rest, columns: columns)
                guard !head.isEmpty else { break }
                lines.append(head)
                rest.removeFirst(head.count)
            }
            current = rest
            if lines.count >= maxLines {
                overflow = true
                break
            }
        }
        if !current.isEmpty { lines.append(current) }

        if lines.count > maxLines || overflow {
            lines = Array(lines.prefix(maxLines))
            let last = lines[maxLines - 1]
            lines[maxLines - 1] = prefix(of: last, columns: columns - 1) + String(ellipsis)
        }
        return lines
    }
}
