/// Indexes for the task lists that test who may see each task ("my groups", "all" and
/// "overdue"), and for their counts.
enum TaskListSchema {
    static let statements = [
        // The waiting user tasks with every column that their counts test, so a count reads
        // this small index instead of item rows. On the benchmark database (10,000 waiting
        // tasks) the "my groups" count of a fresh process read 176 pages instead of 635
        // (sqlite3 3.40.1 shell). Counts name it with INDEXED BY, because SQLite prefers the
        // primary key index when it has no statistics.
        """
        CREATE INDEX items_waiting_tasks ON items (id, assignee, due_date, candidate_users, candidate_groups, instance_id)
        WHERE status = 'wait' AND type = 'bpmn:UserTask'
        """,
        // Waiting tasks that name no candidate: with no assignee, anyone who reaches their
        // instance may see them. The "all" list of a user who is not an admin reads this
        // index, the user's candidate rows and the user's assigned tasks instead of every
        // waiting task. Queries name it with INDEXED BY, because SQLite prefers the
        // wider `items_by_status_type` when it has no statistics.
        """
        CREATE INDEX items_waiting_open ON items (type, started_at)
        WHERE status = 'wait' AND candidate_users = '[]' AND candidate_groups = '[]'
        """,
    ]
}
