// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "bpmn-inbox",
    products: [
        .executable(name: "bpmn-inbox", targets: ["bpmn-inbox"]),
        .library(name: "WorkflowEngine", targets: ["WorkflowEngine"]),
        // For the libFuzzer targets in Fuzz/, which build this package with -sanitize=fuzzer.
        .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Declares the JavaScriptCore functions that WorkflowEngine opens at run time with
        // dlopen, so nothing links libjavascriptcoregtk-4.1 and building needs no headers.
        .systemLibrary(name: "CJavaScriptCore"),
        .target(name: "BPMNModel"),
        .target(name: "DecisionTables"),
        .target(name: "WorkflowEngine", dependencies: ["BPMNModel", "DecisionTables", "CJavaScriptCore"]),
        .target(name: "SQLiteStore", dependencies: ["WorkflowEngine", "CSQLite"]),
        .target(name: "ProcessDiagram", dependencies: ["BPMNModel"]),
        .target(name: "InboxUI", dependencies: ["BPMNModel", "WorkflowEngine", "CNcursesw", "ProcessDiagram"]),
        .executableTarget(
            name: "bpmn-inbox",
            dependencies: ["BPMNModel", "WorkflowEngine", "SQLiteStore", "InboxUI", "ProcessDiagram"]
        ),
        .executableTarget(
            name: "bpmn-bench",
            dependencies: ["BPMNModel", "WorkflowEngine", "SQLiteStore", "InboxUI", "ProcessDiagram", "CSQLite"],
            swiftSettings: [.define("INBOX_TESTABLE", .when(configuration: .debug))]
        ),
        .executableTarget(name: "bpmn-stress", dependencies: ["WorkflowEngine", "SQLiteStore"]),
        .testTarget(name: "BPMNModelTests", dependencies: ["BPMNModel"]),
        .testTarget(name: "DecisionTablesTests", dependencies: ["DecisionTables"]),
        .testTarget(
            name: "WorkflowEngineTests", dependencies: ["WorkflowEngine", "SQLiteStore"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "InboxUITests", dependencies: ["InboxUI", "BPMNModel", "WorkflowEngine", "SQLiteStore"],
            exclude: ["Fixtures", "Snapshots"]
        ),
        .testTarget(
            name: "ProcessDiagramTests", dependencies: ["ProcessDiagram", "BPMNModel"],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "SQLiteStoreTests", dependencies: ["SQLiteStore", "WorkflowEngine"]),
        .testTarget(name: "CLITests", dependencies: []),
    ]
)
