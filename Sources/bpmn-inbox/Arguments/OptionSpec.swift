import InboxUI

/// One command-line option: its long name, the placeholder of its value (nil for a flag) and
/// what it sets, as the help text shows it.
struct OptionSpec: Equatable {
    var name: String
    var valueName: String?
    var help: String
    /// A repeatable option collects every value; any other option may be given once.
    var isRepeatable = false
    /// The usage error for an empty value (`--db ""`, `--db=`); nil when an empty value is allowed.
    var emptyValueError: String? = nil
    /// The only values the option accepts, which shell completion offers. Empty when any value may be given.
    var choices: [String] = []

    var takesValue: Bool { valueName != nil }

    /// The option as the usage line shows it: `--data JSON` or `--json`.
    var synopsis: String {
        guard let valueName else { return name }
        return "\(name) \(valueName)"
    }
}

/// Every option of the tool. Each name takes a value in every command or in none, so the
/// arguments can be split into options and words before the command is resolved.
enum Options {
    // MARK: Global options, accepted before or after any command

    static let database = OptionSpec(
        name: "--db", valueName: "PATH",
        help: "SQLite database file; default $BPMN_INBOX_DB, else "
            + "$XDG_DATA_HOME/bpmn-inbox/inbox.sqlite (~/.local/share/bpmn-inbox/inbox.sqlite)",
        emptyValueError: "--db needs a file path, but its value is empty; give the database file, "
            + "such as '--db inbox.sqlite', or leave out --db to use the default database")
    static let user = OptionSpec(
        name: "--user", valueName: "NAME",
        help: "user name for engine calls and the inbox; default your login name",
        emptyValueError: "--user needs a user name, but its value is empty; give one, such as "
            + "'--user alice', or leave out --user to act as your login name")
    static let groups = OptionSpec(
        name: "--groups", valueName: "A,B",
        help: "candidate groups added to your Unix groups, comma-separated; may be repeated",
        isRepeatable: true)
    static let theme = OptionSpec(
        name: "--theme", valueName: "NAME", help: "colour theme of the inbox")
    static let services = OptionSpec(
        name: "--services", valueName: "DIR",
        help: "folder of .js files that define the services of service tasks; default "
            + "$BPMN_INBOX_SERVICES, else the folder 'services' next to the database when it exists")

    static let now = OptionSpec(
        name: "--now", valueName: "TIME",
        help: "run with a simulated clock showing TIME: an ISO 8601 date-time such as "
            + "2030-01-01T09:00:00Z, or a duration from the real time such as +PT2H or -P1D; "
            + "only on a demo or test database unless --force-clock is given")
    static let forceClock = OptionSpec(
        name: "--force-clock", valueName: nil,
        help: "allow --now on a database that is neither a demo nor a test database")

    static let noMouse = OptionSpec(
        name: "--no-mouse", valueName: nil,
        help: "inbox: leave the mouse to the terminal (text selection) instead of clicks and the wheel")
    static let notify = OptionSpec(
        name: "--notify", valueName: "HOW",
        help: "inbox: announce new tasks for you with the terminal bell ('bell'), an OSC 9 ('osc9') "
            + "or OSC 777 ('osc777') desktop notification",
        choices: NotificationStyle.allCases.map(\.rawValue))
    static let readOnly = OptionSpec(
        name: "--read-only", valueName: nil,
        help: "reject every change: the engine rejects starts, completions, claims and events; opens the file "
            + "read-only, so it also reads a database in a folder this user may not write")
    static let global = [database, user, groups, theme, services, now, forceClock, noMouse, notify, readOnly]

    // MARK: Command options

    static let json = OptionSpec(
        name: "--json", valueName: nil, help: "print JSON instead of a table or summary")
    static let data = OptionSpec(
        name: "--data", valueName: "JSON",
        help: "data to merge into the instance, a JSON object such as '{\"amount\": 120}'; "
            + JSONArgumentSource.optionHelp)
    static let query = OptionSpec(
        name: "--query", valueName: "JSON",
        help: "MongoDB-style filter such as '{\"data.caseId\": 1003}'; default all; " + JSONArgumentSource.optionHelp)
    static let assignment = OptionSpec(
        name: "--assignment", valueName: "JSON",
        help: "fields to change, a JSON object with any of assignee, candidateUsers, "
            + "candidateGroups, dueDate, followUpDate, priority; " + JSONArgumentSource.optionHelp)
    static let modelName = OptionSpec(
        name: "--name", valueName: "NAME",
        help: "model name; default the file name without .bpmn or .dmn (only with one FILE)")
    static let startNode = OptionSpec(
        name: "--start-node", valueName: "ID",
        help: "element id to start at; default the model's plain start event")
    static let limit = OptionSpec(
        name: "--limit", valueName: "N", help: "list at most N rows (instances, or items with --matching)")
    static let mine = OptionSpec(
        name: "--mine", valueName: nil,
        help: "only tasks you may work: assigned to you, naming you or one of your groups "
            + "as candidate, or open to everyone")
    static let matching = OptionSpec(
        name: "--matching", valueName: nil,
        help: "list only the items that match the query's items.* conditions themselves")
    static let models = OptionSpec(
        name: "--models", valueName: "DIR",
        help: "folder of .bpmn files to import; default ./examples when it exists, else "
            + "/usr/local/share/bpmn-inbox/examples")
    static let key = OptionSpec(
        name: "--key", valueName: "JSON",
        help: "query the receivers' instances must match, such as '{\"data.orderId\": \"A-1\"}'; "
            + JSONArgumentSource.optionHelp)
    static let deliverToAll = OptionSpec(
        name: "--all", valueName: nil,
        help: "deliver to every matching receiver instead of exactly one")
    static let noInbox = OptionSpec(
        name: "--no-inbox", valueName: nil,
        help: "seed the database and exit without opening the inbox")

    static let once = OptionSpec(
        name: "--once", valueName: nil,
        help: "fire what is due now and exit instead of running until stopped")

    static let all =
        global + [
            json, data, query, assignment, modelName, startNode, limit, mine, matching, models, key,
            deliverToAll, noInbox, once,
        ] + AdminOptions.all + AccessOptions.all + DiagramCommandOptions.all + DemoOptions.all

    /// Finds an option by its long name (`--data`).
    static func named(_ name: String) -> OptionSpec? {
        all.first { $0.name == name }
    }
}
