import Foundation
import XCTest

/// `model show`, `versions`, `diff`, `export`, `delete`, `rename`, `events`, `list` with
/// versions, and `model import DIR`.
final class ModelAdminCommandTests: XCTestCase {
    func testShowListsUserTaskFormFields() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["model", "show", "Car", "--json"])
        let outline = try object(result.json())
        let tasks = try array(outline["userTasks"]).map { try object($0) }
        let buy = try XCTUnwrap(tasks.first { $0["elementId"] as? String == "task_Buy" })
        let fields = try array(buy["fields"]).map { try object($0) }

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(fields.map { $0["id"] as? String }, ["needsRepairs", "needsCleaning"])
        XCTAssertEqual(buy["assignee"] as? String, "$(this.data.starterUserId)")
        XCTAssertFalse(try array(outline["startEvents"]).isEmpty)
    }

    func testShowTextNamesSections() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["model", "show", "Car"])

        XCTAssertEqual(result.status, 0, result.stderr)
        for heading in ["Processes:", "Start events:", "Messages:", "Signals:", "Timers:", "User tasks:", "field needsRepairs"] {
            XCTAssertTrue(result.stdout.contains(heading), "missing \(heading) in \(result.stdout)")
        }
    }

    func testVersionsAndListCountInstancesPerVersion() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 1)
        try cli.importChangedCar(replacing: "name=\"Buy\"", with: "name=\"Purchase\"")
        _ = try cli.startCar(caseId: 2)
        _ = try cli.startCar(caseId: 3)

        let versions = try array(cli.run(["model", "versions", "Car", "--json"]).json()).map { try object($0) }
        let list = try array(cli.run(["model", "list", "--json"]).json()).map { try object($0) }
        let listed = try array(list.first?["versions"]).map { try object($0) }
        let text = try cli.run(["model", "list"]).stdout

        XCTAssertEqual(versions.map { $0["totalInstances"] as? Int }, [1, 2])
        XCTAssertEqual(listed.map { $0["runningInstances"] as? Int }, [1, 2])
        XCTAssertTrue(text.contains("v1 1/1, v2 2/2"), text)
    }

    func testShowOfUnknownVersionNamesRange() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["model", "show", "Car", "--model-version", "7"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("has no version 7; its versions are 1 to 1"), result.stderr)
    }

    func testDiffListsChangedAndAddedElements() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        try cli.importChangedCar(replacing: "name=\"Buy\"", with: "name=\"Purchase\"")

        let text = try cli.run(["model", "diff", "Car", "1", "2"])
        let json = try object(cli.run(["model", "diff", "Car", "1", "2", "--json"]).json())
        let changed = try array(json["changed"]).map { try object($0) }

        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("~ task_Buy (bpmn:UserTask 'Purchase'): name 'Buy' → 'Purchase'"), text.stdout)
        XCTAssertEqual(changed.map { $0["id"] as? String }, ["task_Buy"])
        XCTAssertTrue(try array(json["added"]).isEmpty)
    }

    func testDiffOfSameVersionSaysNoChange() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let result = try cli.run(["model", "diff", "Car", "1", "1"])
        XCTAssertTrue(result.stdout.contains("have the same elements"), result.stdout)
    }

    func testDiffRejectsBadVersionNumber() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["model", "diff", "Car", "one", "2"])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("invalid FROM 'one'"), result.stderr)
    }

    func testExportPrintsStoredSourceExactly() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        try cli.importChangedCar(replacing: "name=\"Buy\"", with: "name=\"Purchase\"")

        let first = try cli.run(["model", "export", "Car", "--model-version", "1"])
        let newest = try cli.run(["model", "export", "Car"])

        XCTAssertEqual(first.stdout, try String(contentsOfFile: CLIRunner.carModelPath, encoding: .utf8))
        XCTAssertTrue(newest.stdout.contains("name=\"Purchase\""))
    }

    func testDeleteRejectedWhileInstancesRun() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        _ = try cli.startCar(caseId: 1)

        let result = try cli.run(["model", "delete", "Car"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("has 1 running instance"), result.stderr)
        XCTAssertEqual(try cli.run(["model", "versions", "Car"]).status, 0)
    }

    func testDeleteRemovesEveryVersion() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        try cli.importCar()

        let deleted = try object(cli.run(["model", "delete", "Car", "--json"]).json())
        let show = try cli.run(["model", "show", "Car"])

        XCTAssertEqual(deleted["versionsDeleted"] as? Int, 2)
        XCTAssertEqual(show.status, 1)
        XCTAssertTrue(show.stderr.contains("model 'Car' not found"), show.stderr)
    }

    func testRenameKeepsInstancesWorking() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        let id = try cli.startCar(caseId: 1)

        XCTAssertEqual(try cli.run(["model", "rename", "Car", "Vehicle"]).status, 0)
        try cli.buyCar(id)
        let instances = try array(cli.run(["instances", "--query", #"{"name": "Vehicle"}"#, "--json"]).json())

        XCTAssertEqual(instances.count, 1)
    }

    func testRenameToTakenNameFails() throws {
        let cli = try CLIRunner()
        try cli.importCar()
        try cli.importCar(as: "Other")

        let result = try cli.run(["model", "rename", "Car", "Other"])

        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("a model named 'Other' already exists"), result.stderr)
    }

    func testEventsFilterBySubType() throws {
        let cli = try CLIRunner()
        try cli.importCar()

        let all = try array(cli.run(["model", "events", "--json"]).json()).map { try object($0) }
        let none = try array(cli.run(["model", "events", "--query", #"{"events.subType": "message"}"#, "--json"]).json())
        let bad = try cli.run(["model", "events", "--query", #"{"events.color": "red"}"#])

        XCTAssertEqual(all.first?["modelName"] as? String, "Car")
        XCTAssertEqual(all.first?["subType"] as? String, "none")
        XCTAssertTrue(none.isEmpty)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("unknown query field 'events.color'"), bad.stderr)
    }

    func testImportFolderLoadsEveryModel() throws {
        let cli = try CLIRunner()
        guard FileManager.default.fileExists(atPath: CLIRunner.carModelPath) else { throw XCTSkip("corpus missing") }
        let folder = cli.folder.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLIRunner.carModelPath, toPath: folder.appendingPathComponent("Car.bpmn").path)
        try FileManager.default.copyItem(atPath: CLIRunner.carModelPath, toPath: folder.appendingPathComponent("Truck.bpmn").path)
        try "notes".write(to: folder.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)

        let result = try cli.run(["model", "import", folder.path])
        let names = try array(cli.run(["model", "list", "--json"]).json()).map { try object($0)["name"] as? String }

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(names, ["Car", "Truck"])
    }
}

/// `model import --json`.
final class ModelImportJSONTests: XCTestCase {
    func testImportPrintsVersionsAsJSON() throws {
        let cli = try CLIRunner()
        guard FileManager.default.fileExists(atPath: CLIRunner.carModelPath) else { throw XCTSkip("corpus missing") }
        _ = try cli.run(["model", "import", CLIRunner.carModelPath, "--name", "Car"])

        let result = try cli.run(["model", "import", CLIRunner.carModelPath, "--name", "Car", "--json"])
        let rows = try array(result.json()).map { try object($0) }

        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(rows.map { $0["version"] as? Int }, [2])
        XCTAssertEqual(rows.first?["name"] as? String, "Car")
    }
}
