/// Quoting for the commands that hints print, so a user can paste them into a POSIX shell.
enum ShellWord {
    /// Returns `word` as one POSIX shell word: unchanged when it contains only characters no
    /// shell treats specially, in double quotes when it contains none of `"`, `$`, `` ` ``, `\`
    /// and `!`, and otherwise (such as JSON) in single quotes with each `'` written as `'\''`.
    static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isPlain) { return word }

        if !word.contains(where: { "\"$`\\!".contains($0) }) { return "\"\(word)\"" }

        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    /// Returns `bpmn-inbox` followed by `words`, each quoted as needed.
    static func command(_ words: [String]) -> String {
        (["bpmn-inbox"] + words.map(quoted)).joined(separator: " ")
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "-_./:,+=@%".unicodeScalars.contains(scalar)
    }
}
