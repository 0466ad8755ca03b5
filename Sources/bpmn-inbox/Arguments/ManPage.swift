import Foundation

/// The bpmn-inbox(1) manual page in roff, generated from `CommandCatalog` and `Options`, so
/// it lists the same commands, options and examples as `--help`.
enum ManPage {
    static var roff: String {
        var lines = [
            ".TH BPMN-INBOX 1 \"\" \"bpmn-inbox \(HelpText.version)\" \"User Commands\"",
            ".SH NAME",
            "bpmn-inbox \\- terminal task inbox with a BPMN 2.0 workflow engine",
            ".SH SYNOPSIS",
            ".B bpmn-inbox",
            "[\\fIGLOBAL OPTIONS\\fR] [\\fICOMMAND\\fR [\\fIARGUMENTS\\fR] [\\fIOPTIONS\\fR]]",
            ".SH DESCRIPTION",
            "Without a command, bpmn-inbox opens the inbox. With a command, it runs one operation on the "
                + "database and exits. Queries are MongoDB-style JSON objects over instance fields, instance data "
                + "(data.PATH) and item fields (items.FIELD).",
            ".SH GLOBAL OPTIONS",
        ]
        lines += Options.global.flatMap(option)
        lines.append(".SH COMMANDS")
        for command in CommandCatalog.all {
            lines.append(".SS \(escape(command.synopsis))")
            lines.append(escape(command.summary.capitalizedFirst) + ".")
            let examples = CommandExamples.lines(for: command).joined(separator: "\n")
            let text = command.discussion + (examples.isEmpty ? "" : "\n" + examples)
            for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if paragraph.isEmpty {
                    lines.append(".PP")
                } else if paragraph.hasPrefix("  ") {
                    lines += [".nf", escape(String(paragraph)), ".fi"]
                } else {
                    lines.append(escape(String(paragraph)))
                }
            }
            for argument in command.arguments {
                lines += [".TP", "\\fI\(escape(argument.name))\\fR", escape(argument.help)]
            }
            lines += command.options.flatMap(option)
        }
        lines += [
            ".SH EXIT STATUS",
            "0 done; 1 the operation failed; 2 usage error; 3 nothing matched (no item, no instance, a message "
                + "nobody received); 4 refused by the access rules.",
            ".SH ENVIRONMENT",
            ".TP", "BPMN_INBOX_DB", "The database file when --db is not given.",
            ".TP", "BPMN_INBOX_SERVICES", "The folder of service scripts when --services is not given.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func option(_ option: OptionSpec) -> [String] {
        let value = option.valueName.map { " \\fI\(escape($0))\\fR" } ?? ""
        return [".TP", "\\fB\(escape(option.name))\\fR\(value)", escape(option.help)]
    }

    /// Escapes backslashes and hyphens, writes characters outside ASCII as `\[uXXXX]`, and
    /// protects a leading dot or quote that roff would read as a request.
    private static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\e"
            case "-": escaped += "\\-"
            case _ where scalar.isASCII: escaped.unicodeScalars.append(scalar)
            default: escaped += "\\[u" + String(format: "%04X", scalar.value) + "]"
            }
        }
        if escaped.hasPrefix(".") || escaped.hasPrefix("'") { escaped = "\\&" + escaped }
        return escaped
    }
}
