/// Options of the query, model administration, instance administration and backup commands.
enum AdminOptions {
    static let sort = OptionSpec(
        name: "--sort", valueName: "KEYS",
        help: "sort keys, comma-separated, each a query field with ':asc' (default) or ':desc', "
            + "such as 'data.amount:desc,startedAt'")
    static let offset = OptionSpec(
        name: "--offset", valueName: "N", help: "skip the first N matches (0 or more); default 0")
    static let cursor = OptionSpec(
        name: "--cursor", valueName: "TEXT",
        help: "continue after the last row of a page: the nextCursor that --json printed for the same "
            + "query, sort and --limit")
    static let fields = OptionSpec(
        name: "--fields", valueName: "SET",
        help: "'summary' leaves out instance data and item variables; 'full' (default) includes them",
        choices: ["summary", "full"])
    static let version = OptionSpec(
        name: "--model-version", valueName: "N",
        help: "model version number; default the newest ('--version N' is accepted too)")
    static let afterNodes = OptionSpec(
        name: "--after-nodes", valueName: "IDS",
        help: "element ids, comma-separated: instances that already reached one of them stay on their version")
    static let item = OptionSpec(
        name: "--item", valueName: "ID",
        help: "the item to restart at: an item id or an element id such as 'task_Buy'")
    static let ndjson = OptionSpec(
        name: "--ndjson", valueName: nil, help: "print one JSON object per line (the same as --json here)")

    static let noWait = OptionSpec(
        name: "--no-wait", valueName: nil,
        help: "print the result as soon as the item has ended, then run what follows it before exiting; "
            + "a failure there exits with 1 but leaves the item completed")

    /// `delete --all`: the same flag as `message --all` and `signal --all`, with help of its own.
    static let deleteAll = OptionSpec(
        name: "--all", valueName: nil,
        help: "delete every instance you may delete; QUERY is then left out (or '{}')")

    static let all = [sort, offset, cursor, fields, version, afterNodes, item, ndjson, noWait]
}
