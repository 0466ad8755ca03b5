// swift-tools-version:5.9
// libFuzzer targets for bpmn-inbox, kept out of the main package so that `swift build` there
// never builds them. Build and run them with `make fuzz` from the repository root, which
// builds this package with `-sanitize=fuzzer`.
import PackageDescription

let package = Package(
    name: "bpmn-inbox-fuzz",
    dependencies: [.package(name: "bpmn-inbox", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzBPMNParser",
            dependencies: [.product(name: "WorkflowEngine", package: "bpmn-inbox")]
        ),
        .executableTarget(
            name: "FuzzQueryParser",
            dependencies: [
                .product(name: "WorkflowEngine", package: "bpmn-inbox"),
                .product(name: "SQLiteStore", package: "bpmn-inbox"),
            ]
        ),
    ]
)
