/// "Did you mean" hints for mistyped commands, options and model names.
enum Suggestion {
    /// Words that users of other task and workflow tools type for a command of this tool,
    /// by the command they mean.
    static let commandSynonyms: [String: String] = [
        "waiting": "timers", "waits": "timers", "events": "timers", "subscriptions": "timers",
        "complete": "invoke", "finish": "invoke", "submit": "invoke", "done": "invoke",
        "run": "start", "create": "start", "launch": "start", "new": "start",
        "list": "instances", "ls": "instances", "ps": "instances",
        "show": "get", "view": "get", "inspect": "get", "status": "get",
        "rm": "delete", "remove": "delete", "purge": "delete",
        "kill": "terminate", "cancel": "terminate", "stop": "terminate", "abort": "terminate",
        "log": "history", "audit": "history",
        "send": "message", "correlate": "message", "publish": "message", "broadcast": "signal",
        "todo": "tasks", "take": "claim", "release": "unclaim", "delegate": "assign", "reassign": "assign",
    ]

    /// Returns the command `word` most likely means: its synonym when `commands` contains
    /// that, else the closest command name by `closest(to:among:)`, else nil.
    static func command(for word: String, among commands: [String]) -> (name: String, isSynonym: Bool)? {
        if let synonym = commandSynonyms[word.lowercased()], commands.contains(synonym) {
            return (synonym, true)
        }
        return closest(to: word, among: commands).map { ($0, false) }
    }

    /// Returns the candidate closest to `word` by edit distance, or nil unless it is close enough
    /// to be a typo: at most a third of the word's length (and at least 1) edits away. Case is ignored.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let allowed = max(1, lowered.count / 3)
        let scored = candidates.map { (candidate: $0, distance: editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= allowed else {
            return nil
        }
        return best.candidate
    }

    /// Optimal string alignment distance over characters: insertions, deletions,
    /// substitutions and swaps of two neighbours each cost 1, so `strat` is 1 from `start`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a)
        let right = Array(b)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }

        var distance = [[Int]](repeating: [Int](repeating: 0, count: right.count + 1), count: left.count + 1)
        for i in 0...left.count { distance[i][0] = i }
        for j in 0...right.count { distance[0][j] = j }

        for i in 1...left.count {
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                distance[i][j] = min(distance[i - 1][j] + 1, distance[i][j - 1] + 1, distance[i - 1][j - 1] + cost)
                if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
                    distance[i][j] = min(distance[i][j], distance[i - 2][j - 2] + 1)
                }
            }
        }
        return distance[left.count][right.count]
    }
}
