#!/usr/bin/env python3
"""Merge the raw files of one benchmark run into results.json and results.md.

Usage: aggregate.py RAW_DIR RESULTS_JSON RESULTS_MD

RAW_DIR contains machine.json, the bpmn-bench figures of each part and run (<part>-<run>.json)
and the peer figures (spiff-<run>.json, sqlite-<run>.json, spiff-parse-<run>.json). A figure
measured in several runs is reported as the median of the runs; the per-run values stay under
"runs". Ratios against the peers are computed from those medians.
"""
import glob
import json
import os
import re
import statistics
import sys

# Each target: the figure's key, "min" or "max" (the figure must be at least / at most the
# limit), the limit, and the wording of the goal.
TARGETS = [
    ("ratio.engine_normal_vs_spiffworkflow_e2e", "min", 20, "engine (NORMAL) at least 20x SpiffWorkflow end to end"),
    ("ratio.engine_full_vs_sqlite_limit", "min", 0.8, "engine (FULL) at least 80% of SQLite's commit limit / 2 commits"),
    ("cars.normal.cases_per_s", "min", 2000, "Buy Used Car at least 2,000 cases/s (NORMAL)"),
    ("cars.normal.invoke_ms_p99", "max", 2, "Buy Used Car invoke p99 under 2 ms"),
    ("cars.loaded_vs_empty", "min", 0.8, "Buy Used Car with 100,000 other instances within 20%"),
    ("inbox.scale.first_frame_ms", "max", 150, "inbox first frame under 150 ms"),
    ("inbox.scale.frame_ms_p50", "max", 10, "inbox frame (scrolling) under 10 ms"),
    ("inbox.scale.view_switch_ms_p50", "max", 10, "inbox frame (switching task views) under 10 ms"),
    ("inbox.scale.switch_ms_p50", "max", 10, "inbox frame (switching panes) under 10 ms"),
    ("inbox.scale.query_mine_ms_p50", "max", 5, "'mine' query under 5 ms"),
    ("inbox.scale.query_groups_ms_p50", "max", 5, "'my groups' query under 5 ms"),
    ("inbox.scale.count_command_ms_p50", "max", 20, "bpmn-inbox count under 20 ms"),
    ("inbox.scale.peak_rss_mib", "max", 60, "inbox peak RSS under 60 MiB"),
    ("old.history_vs_fresh_p50", "max", 2, "invoke on a 10,000-item instance within 2x of a fresh one"),
    ("parse.workflow_bpmn_txt.ms_per_parse", "max", 30, "parse of workflow.bpmn.txt.bpmn under 30 ms"),
]


def load(path):
    with open(path) as handle:
        return json.load(handle)


def run_files(raw, prefix):
    """Return the files <prefix>-<n>.json in run order."""
    files = glob.glob(os.path.join(raw, prefix + "-*.json"))
    pattern = re.compile(re.escape(prefix) + r"-(\d+)\.json$")
    numbered = [(int(pattern.search(f).group(1)), f) for f in files if pattern.search(f)]
    return [f for _, f in sorted(numbered)]


def peer_figures(raw):
    """Return {key: [value per run]} for the SpiffWorkflow and SQLite peer files."""
    runs = {}

    def add(key, value):
        runs.setdefault(key, []).append(value)

    for path in run_files(raw, "spiff"):
        summary = load(path)["summary"]
        e2e = summary["modes"]["e2e"]
        add("spiffworkflow.e2e.instances_per_s", e2e["instances_per_s"])
        add("spiffworkflow.e2e.starts_per_s", e2e["phase_a_per_s"])
        add("spiffworkflow.e2e.invokes_per_s", e2e["phase_b_per_s"])
        add("spiffworkflow.e2e.peak_rss_mib", e2e["peak_rss_mib"])
    for path in run_files(raw, "sqlite"):
        for mode, figures in load(path)["modes"].items():
            add(f"sqlite.{mode}.commits_per_s", figures["single_median"])
            add(f"sqlite.{mode}.batched_rows_per_s", figures["batched_median"])
    for path in run_files(raw, "spiff-parse"):
        for key, figures in load(path).items():
            model, validation = key.split(":")
            if validation == "no_xsd":
                name = os.path.splitext(model)[0]
                add(f"spiffworkflow.parse.{name}.ms_per_parse", figures["median_ms_per_parse"])
    return runs


def bench_figures(raw):
    """Return ({key: [value per run]}, {key: note}) from the bpmn-bench files."""
    runs, notes = {}, {}
    for path in sorted(glob.glob(os.path.join(raw, "*.json"))):
        name = os.path.basename(path)
        if name == "machine.json" or name.startswith(("spiff", "sqlite")):
            continue
        document = load(path)
        for key, value in document.get("figures", {}).items():
            runs.setdefault(key, []).append(value)
        notes.update(document.get("notes", {}))
    return runs, notes


def ratios(figures):
    """Add the ratios of bpmn-inbox to its peers, when both sides were measured."""
    def ratio(key, numerator, denominator, scale=1.0):
        if numerator in figures and denominator in figures and figures[denominator]:
            figures[key] = figures[numerator] / (figures[denominator] * scale)

    ratio("ratio.engine_normal_vs_spiffworkflow_e2e", "engine.approval.normal.instances_per_s",
          "spiffworkflow.e2e.instances_per_s")
    ratio("ratio.engine_full_vs_spiffworkflow_e2e", "engine.approval.full.instances_per_s",
          "spiffworkflow.e2e.instances_per_s")
    # Each instance commits twice (start, invoke): the limit is half the commit rate.
    ratio("ratio.engine_full_vs_sqlite_limit", "engine.approval.full.instances_per_s",
          "sqlite.wal_full.commits_per_s", 0.5)
    ratio("ratio.engine_normal_vs_sqlite_limit", "engine.approval.normal.instances_per_s",
          "sqlite.wal_normal.commits_per_s", 0.5)
    ratio("ratio.parse_large_spiffworkflow_vs_engine", "spiffworkflow.parse.large.ms_per_parse",
          "parse.large.ms_per_parse")


def evaluate(figures):
    results = []
    for key, kind, limit, goal in TARGETS:
        value = figures.get(key)
        if value is None:
            met = None
        elif kind == "min":
            met = value >= limit
        else:
            met = value <= limit
        results.append({"key": key, "goal": goal, "limit": limit, "kind": kind, "value": value, "met": met})
    return results


def number(value):
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def markdown(machine, figures, runs, targets, notes):
    lines = ["# Benchmark results", ""]
    lines.append(f"Command: `{machine.get('command', '?')}`, {machine.get('date', '?')}.")
    lines.append(f"Machine: {machine.get('cores', '?')} cores ({machine.get('cpu', '?')}), "
                 f"{machine.get('memory_gib', '?')} GiB, kernel {machine.get('kernel', '?')}, "
                 f"{machine.get('swift', '?')}, SQLite {machine.get('sqlite', '?')}.")
    lines.append(f"Load average (1, 5, 15 min) before: {machine.get('load_before', '?')}, "
                 f"after: {machine.get('load_after', '?')}.")
    lines += ["", "## Targets", "", "| goal | figure | value | met |", "|---|---|---|---|"]
    for target in targets:
        met = {True: "yes", False: "**no**", None: "not measured"}[target["met"]]
        lines.append(f"| {target['goal']} | `{target['key']}` | {number(target['value'])} | {met} |")
    lines += ["", "## All figures", "", "Medians over the runs; the runs are listed when there were several.", "",
              "| key | value | runs |", "|---|---|---|"]
    for key in sorted(figures):
        values = runs.get(key, [])
        listed = ", ".join(number(v) for v in values) if len(values) > 1 else ""
        lines.append(f"| `{key}` | {number(figures[key])} | {listed} |")
    if notes:
        lines += ["", "## Notes", ""]
        for key in sorted(notes):
            lines.append(f"- `{key}`: {notes[key]}")
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: aggregate.py RAW_DIR RESULTS_JSON RESULTS_MD")
    raw, json_path, md_path = sys.argv[1:]
    machine_path = os.path.join(raw, "machine.json")
    machine = load(machine_path) if os.path.exists(machine_path) else {}

    runs, notes = bench_figures(raw)
    for key, values in peer_figures(raw).items():
        runs.setdefault(key, []).extend(values)
    figures = {key: statistics.median(values) for key, values in runs.items()}
    ratios(figures)
    targets = evaluate(figures)

    document = dict(sorted(figures.items()))
    document["meta"] = {"machine": machine, "notes": notes, "targets": targets,
                        "runs": {k: v for k, v in sorted(runs.items()) if len(v) > 1}}
    with open(json_path, "w") as handle:
        json.dump(document, handle, indent=2)
    with open(md_path, "w") as handle:
        handle.write(markdown(machine, figures, runs, targets, notes))


if __name__ == "__main__":
    main()
