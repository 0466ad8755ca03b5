import CJavaScriptCore

/// Runs JavaScript conditions and scripts in JavaScriptCore.
final class ScriptEngine {
    let timeLimit: Double

    init(timeLimit: Double) {
        self.timeLimit = timeLimit
    }
}
