import Foundation
import XCTest

/// Drives whole cases through the CLI from a shell script that reads only `--json` output
/// (with jq) and exit statuses, as a script of an operator would.
final class ScriptedCaseTests: XCTestCase {
    private func buyUsedCarModel() throws -> String {
        let path = CLIRunner.corpusFolder.appendingPathComponent("bpmn-web/test-processes/Buy Used Car.bpmn").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("corpus not found at \(path)") }
        return path
    }

    /// Runs `script` with `sh -eu` and returns its exit status and output.
    private func runScript(_ script: String, cli: CLIRunner, model: String) throws -> (status: Int32, output: String) {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/jq") else {
            throw XCTSkip("jq not found at /usr/bin/jq; install it with 'apt-get install jq' (make test does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-eu", "-c", script]
        var environment = ProcessInfo.processInfo.environment.merging(cli.environment) { $1 }
        environment["BIN"] = cli.binary.path
        environment["DB"] = cli.databasePath
        environment["MODEL"] = model
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testBuyUsedCarCaseThroughJSONAndExitStatuses() throws {
        let cli = try CLIRunner()
        let script = #"""
            B="$BIN --db $DB"
            $B model import "$MODEL" --name "Buy Used Car" >/dev/null
            id=$($B start "Buy Used Car" --data '{"caseId": 7001}' --json | jq -r '.instance.id')
            $B tasks --json | jq -e --arg id "$id" '[.[] | select(.instanceId == $id and .elementId == "task_Buy")] | length == 1' >/dev/null
            $B invoke "{\"id\": \"$id\", \"items.elementId\": \"task_Buy\"}" --data '{"needsCleaning": "No", "needsRepairs": "No"}' --json \
              | jq -e '[.items[] | select(.elementId == "task_Drive" and .status == "wait")] | length == 1' >/dev/null
            set +e
            $B invoke "{\"id\": \"$id\", \"items.elementId\": \"task_Buy\"}" 2>/dev/null
            status=$?
            set -e
            [ "$status" = 3 ] || { echo "invoking an ended task exited with $status, expected 3"; exit 1; }
            $B invoke "{\"id\": \"$id\", \"items.elementId\": \"task_Drive\"}" --json | jq -e '.instance.status == "end"' >/dev/null
            short=$(printf %s "$id" | cut -c1-8)
            $B get "$short" --json | jq -e --arg id "$id" '.instance.id == $id and .instance.endedAt != null' >/dev/null
            $B instances --query '{"data.caseId": 7001}' --json | jq -e 'length == 1 and .[0].status == "end"' >/dev/null
            echo CASE-DONE
            """#

        let result = try runScript(script, cli: cli, model: try buyUsedCarModel())

        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("CASE-DONE"), result.output)
    }

    func testCleanAndRepairCaseDrivenByWaitingItems() throws {
        let cli = try CLIRunner()
        // The script completes whatever waits until the case ends, reading the waiting items
        // from each command's JSON, as an operator's script would.
        let script = #"""
            B="$BIN --db $DB"
            $B model import "$MODEL" --name "Buy Used Car" --json | jq -e '.[0].version == 1' >/dev/null
            id=$($B start "Buy Used Car" --data '{"caseId": 7002}' --json | jq -r '.instance.id')
            data='{"needsCleaning": "Yes", "needsRepairs": "Yes"}'
            rounds=0
            while :; do
              waiting=$($B items "{\"id\": \"$id\", \"items.status\": \"wait\"}" --matching --json | jq -r '.[].elementId')
              [ -n "$waiting" ] || break
              for element in $waiting; do
                echo "complete $element"
                $B invoke "{\"id\": \"$id\", \"items.elementId\": \"$element\"}" --data "$data" --json >/dev/null
              done
              rounds=$((rounds + 1))
              [ "$rounds" -lt 10 ] || { echo "the case did not end after 10 rounds"; exit 1; }
            done
            $B get "$id" --json | jq -e '.instance.status == "end"' >/dev/null
            $B items "{\"id\": \"$id\"}" --json \
              | jq -e '[.[] | select(.type == "bpmn:UserTask" and .status == "end") | .elementId] | sort == ["task_Buy", "task_Drive", "task_clean", "task_repair"]' >/dev/null
            echo CASE-DONE
            """#

        let result = try runScript(script, cli: cli, model: try buyUsedCarModel())

        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertTrue(result.output.contains("complete task_clean"), result.output)
        XCTAssertTrue(result.output.contains("complete task_repair"), result.output)
        XCTAssertTrue(result.output.contains("CASE-DONE"), result.output)
    }

    func testUnknownStatusQueryIsUsageError() throws {
        let cli = try CLIRunner()
        let result = try cli.run(["instances", "--query", #"{"status": "bogus"}"#])

        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("running, end, failed, terminated"), result.stderr)
    }

    func testEveryCommandHelpHasExample() throws {
        let cli = try CLIRunner()
        let man = try cli.run(["man"])
        XCTAssertEqual(man.status, 0)

        let names = man.stdout.split(separator: "\n").filter { $0.hasPrefix(".SS ") }
            .map { $0.dropFirst(4).replacingOccurrences(of: "\\-", with: "-").split(separator: " ") }
        XCTAssertGreaterThan(names.count, 20)
        for words in names {
            let path = words.prefix { !$0.hasPrefix("[") && $0 == $0.lowercased() && !$0.hasPrefix("-") }.map(String.init)
            let help = try cli.run(path + ["--help"])
            XCTAssertTrue(help.stdout.contains("Example"), "'\(path.joined(separator: " "))' --help has no example")
        }
    }
}
