import WorkflowEngine

/// `count`: the numbers of the user's task lists for a shell prompt or a tmux status line.
enum CountCommand {
    /// The lists `count` prints, with their words in the output.
    static let views: [(word: String, view: TaskView)] = [("mine", .mine), ("groups", .myGroups), ("overdue", .overdue)]

    static func run(_ arguments: ParsedArguments, session: Session) throws {
        session.runsNoScripts = true
        let engine = try session.engine()
        let counts = try engine.taskCounts(user: session.user, views: views.map(\.view))

        if arguments.flag(Options.json) {
            var object: [String: JSONValue] = ["user": .string(session.user.name)]
            for (word, view) in views { object[word] = .number(Double(counts[view] ?? 0)) }
            Console.output(JSONValue.object(object).prettyText)
        } else {
            Console.output(views.map { "\(counts[$0.view] ?? 0) \($0.word)" }.joined(separator: ", "))
        }
    }
}
