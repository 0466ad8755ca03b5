/// The tables and indexes of users and task lists: recorded users with their groups, admin
/// flag and tenant, and the tenants of models. Partial indexes keep the "mine", "my groups",
/// overdue and "completed by me" lists and their counts fast with many waiting tasks.
enum AccessSchema {
    static let statements = [
        """
        CREATE TABLE users (
            name TEXT PRIMARY KEY NOT NULL,
            is_admin INTEGER NOT NULL DEFAULT 0,
            tenant_id TEXT
        )
        """,
        """
        CREATE TABLE user_groups (
            user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
            group_name TEXT NOT NULL,
            PRIMARY KEY (user_name, group_name)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX user_groups_by_group ON user_groups (group_name, user_name)",
        // Models that belong to one tenant; a model without a row is shared by all tenants.
        """
        CREATE TABLE model_tenants (
            model_name TEXT PRIMARY KEY NOT NULL,
            tenant_id TEXT NOT NULL
        )
        """,
        // Waiting tasks by assignee ("mine") and unassigned waiting tasks ("my groups").
        "CREATE INDEX items_waiting_by_assignee ON items (assignee, type) WHERE status = 'wait'",
        "CREATE INDEX items_waiting_unassigned ON items (type, started_at) WHERE status = 'wait' AND assignee IS NULL",
        "CREATE INDEX items_waiting_by_due_date ON items (due_date) WHERE status = 'wait' AND due_date IS NOT NULL",
        // Items a user completed, found through the history rows of their invoke calls.
        "CREATE INDEX history_by_user_action ON history (user, action, item_id) WHERE user IS NOT NULL",
        "CREATE INDEX instances_by_tenant ON instances (tenant_id) WHERE tenant_id IS NOT NULL",
    ]
}
