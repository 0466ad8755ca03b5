/// Options of the user, claim, count and task list commands.
enum AccessOptions {
    static let admin = OptionSpec(
        name: "--admin", valueName: nil, help: "user add: record the user as an admin")
    static let tenant = OptionSpec(
        name: "--tenant", valueName: "ID",
        help: "user add: limit the user to the instances and tasks of this tenant; model tenant: the "
            + "tenant the model belongs to")
    static let view = OptionSpec(
        name: "--view", valueName: "LIST",
        help: "task list: 'mine' (assigned to you), 'groups' (unassigned, offered to you or your groups), "
            + "'all' (every task you may see; the default), 'overdue' (past the due date) or 'done' "
            + "(tasks you completed)",
        choices: TaskListCommand.views.map(\.word))
    static let order = OptionSpec(
        name: "--order", valueName: "KEY",
        help: "task order: 'created' (newest first; the default), 'priority' (highest first), "
            + "'due' (earliest due date first) or 'model' (by model name)",
        choices: TaskListCommand.orders.map(\.word))

    static let all = [admin, tenant, view, order]
}

/// The user, claim, count and config commands.
extension CommandCatalog {
    static let claim = CommandSpec(
        path: ["claim"],
        summary: "assign a waiting user task to yourself",
        discussion: """
            Assigns the one waiting user task that QUERY matches to you, when it has no \
            assignee and you may see it: you are one of its candidate users, in one of its \
            candidate groups, an admin, or it names no one. Claiming a task that is already \
            yours changes nothing. A refusal exits with status 4 and is recorded in the \
            instance's history.

            Example:
              bpmn-inbox claim '{"items.id": "3f2a…"}'
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object selecting the task")],
        options: [Options.json])

    static let unclaim = CommandSpec(
        path: ["unclaim"],
        summary: "give a claimed user task back to its candidates",
        discussion: """
            Removes the assignee of the one waiting user task that QUERY matches, so that \
            its candidates can claim it again. Only the assignee or an admin may unclaim \
            (exit status 4 otherwise).
            """,
        arguments: [ArgumentSpec(name: "QUERY", help: "MongoDB-style JSON object selecting the task")],
        options: [Options.json])

    static let count = CommandSpec(
        path: ["count"],
        summary: "print your waiting, group and overdue task counts",
        discussion: """
            Prints how many waiting tasks are assigned to you (mine), offered to you or \
            your groups and unassigned (groups), and past their due date among the tasks \
            you may see (overdue). It runs one COUNT query per number and parses no model, \
            so it suits a shell prompt or a tmux status line:
              set -g status-right '#(bpmn-inbox count)'
            """,
        options: [Options.json])

    static let history = CommandSpec(
        path: ["history"],
        summary: "show who changed an instance, when, and with which data",
        discussion: """
            Prints the history of INSTANCE_ID, oldest first: every start, completion, \
            assignment, claim, event, retry and timer with the user, the element and the data \
            given, and each attempt the access rules rejected (action 'refused').
            """,
        arguments: [ArgumentSpec(name: "INSTANCE_ID", help: "instance id, as 'bpmn-inbox instances' shows it")],
        options: [Options.json])

    static let userAdd = CommandSpec(
        path: ["user", "add"],
        summary: "record a user with groups, admin flag and tenant (admins)",
        discussion: """
            Records NAME, or replaces the record of a recorded user, with the candidate \
            groups of --groups (added to the user's Unix groups), the admin flag and the \
            tenant. Only admins may do it, except on a demo database and while no user is \
            recorded: then anyone may, and the first user must be an admin (--admin).

            Example:
              bpmn-inbox user add alice --groups managers,sales --admin
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "login name of the user")],
        options: [Options.groups, AccessOptions.admin, AccessOptions.tenant, Options.json])

    static let userList = CommandSpec(
        path: ["user", "list"],
        summary: "list the recorded users (admins)",
        discussion: "Lists the recorded users with their groups, admin flag and tenant, sorted by name.",
        options: [Options.json])

    static let userRemove = CommandSpec(
        path: ["user", "remove"],
        summary: "remove a recorded user (admins)",
        discussion: """
            Removes the record of NAME. Tasks assigned to the user stay assigned. The only \
            recorded admin cannot be removed while other users are recorded.
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "login name of the user")])

    static let configGet = CommandSpec(
        path: ["config", "get"],
        summary: "print a database setting",
        discussion: "Prints the value of KEY. Keys: admin-group (default bpmn-admin).",
        arguments: [ArgumentSpec(name: "KEY", help: "setting name, such as admin-group", choices: UserCommands.configKeys)])

    static let configSet = CommandSpec(
        path: ["config", "set"],
        summary: "change a database setting (admins)",
        discussion: """
            Sets KEY to VALUE. Keys: admin-group, the group whose members are admins (default \
            bpmn-admin).

            Example:
              bpmn-inbox config set admin-group ops
            """,
        arguments: [
            ArgumentSpec(name: "KEY", help: "setting name, such as admin-group", choices: UserCommands.configKeys),
            ArgumentSpec(name: "VALUE", help: "the new value"),
        ])

    static let modelTenant = CommandSpec(
        path: ["model", "tenant"],
        summary: "make a model belong to one tenant, or shared (admins)",
        discussion: """
            With --tenant, makes every version of NAME belong to that tenant: only its users \
            (and admins without a tenant) see and start it, and its instances belong to the \
            tenant. Without --tenant, makes the model shared by all tenants, as every model \
            is after its import.

            Example:
              bpmn-inbox model tenant 'Expense approval' --tenant north
            """,
        arguments: [ArgumentSpec(name: "NAME", help: "model name, as 'model list' shows it")],
        options: [AccessOptions.tenant])

    static let user = CommandGroup(
        name: "user", summary: "record users with their groups, admin flag and tenant",
        subcommands: [userAdd, userList, userRemove])

    static let config = CommandGroup(
        name: "config", summary: "read and change database settings",
        subcommands: [configGet, configSet])

    /// The single-word commands of this file, in help order.
    static let accessCommands = [claim, unclaim, count, history]

    /// The grouped commands of this file.
    static let accessGroupCommands = [userAdd, userList, userRemove, configGet, configSet]
}
