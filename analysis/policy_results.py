#!/usr/bin/python3
"""Generates the results section of docs/policies.md: every policy overlay on the rural-commune,
urban-ward and megaward templates, run by `motcua compare` on common random numbers.

Usage (from the repository root, after building motcua):
    /usr/bin/python3 analysis/policy_results.py [--motcua build/sim/motcua] [--replications 30]
        [--days 26] [--page docs/policies.md] [--workdir out/policies]

It rewrites the part of the page between the markers <!-- results:begin --> and
<!-- results:end -->; everything else on the page is hand-written. The numbers come only from
the HDF5 files the runs write (read with h5py), so the page can be regenerated at any time.
"""
import argparse
import math
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from motcua_report import reader  # noqa: E402  (the one HDF5 reader of analysis/)
from motcua_report.intervals import t975  # noqa: E402  (the report's Student-t quantiles)

TEMPLATES = [("rural_commune", "Rural commune"), ("urban_ward", "Urban ward"), ("megaward", "Megaward")]
POLICIES = [
    ("robot", "ai_robot.toml", "AI reception robot"),
    ("desk", "two_receptionists.toml", "Two receptionists"),
    ("no_writing", "no_writing_day.toml", "No-writing day"),
    ("saturday", "friendly_saturday.toml", "Friendly Saturday"),
    ("secondment", "secondment.toml", "Secondment (4 specialists)"),
    ("extended", "extended_hours.toml", "Extended hours"),
    ("training", "digital_training.toml", "Digital training"),
    ("online_shift", "online_shift.toml", "Online shift"),
    ("online_qa", "online_qa.toml", "Online Q&A groups"),
    ("volunteers", "youth_volunteers.toml", "Youth volunteers"),
    ("it_support", "it_support.toml", "IT support team"),
    ("more_counters", "more_certification_counters.toml", "+1 certification counter"),
]
# (metric, column title, format, scale): what the page shows for every policy, everyone who came
# first (columns of metrics a file lacks are left out: files written before schema 5).
ALL_METRICS = [
    ("service_level", "service level (points)", "{:+.2f}", 100.0),
    ("unserved_share", "went home unserved (points)", "{:+.2f}", 100.0),
    ("wait_mean", "mean wait of those served (min)", "{:+.2f}", 1.0),
    ("wait_p90", "p90 wait (min)", "{:+.2f}", 1.0),
    ("reneged", "gave up / day", "{:+.2f}", None),
    ("sent_home", "sent home / day", "{:+.2f}", None),
    ("overtime", "overtime (staff-min/day)", "{:+.1f}", None),
    ("on_time_rate", "on-time rate (points)", "{:+.2f}", 100.0),
]
HIGHER = {"service_level", "on_time_rate"}  # higher is better; lower for the others


def run_compare(args, template, path):
    cmd = [args.motcua, "compare", os.path.join("scenarios", "templates", template + ".toml")]
    for name, overlay, _ in POLICIES:
        cmd += ["--variant", name + "=" + os.path.join("scenarios", "policies", overlay)]
    cmd += ["--set", "run.days=%d" % args.days, "-r", str(args.replications), "-q", "-o", path]
    subprocess.run(cmd, check=True)


def per_day(metric, days_open):
    return days_open if metric in ("reneged", "sent_home", "overtime") else None


def read_comparison(path, variants=None):
    """({(variant, metric): numbers}, working days of the base, {variant: {metric: per-replication
    values}}) from a `motcua compare` file, through the report's reader."""
    names = ["base"] + [p[0] for p in POLICIES] if variants is None else variants
    with reader.open_file(path) as f:
        comp = reader.comparison(f)
        if comp is None:
            raise reader.BadInput(f"{path}: no /comparison table (not a motcua compare file)")
        # Older files have win_share only; newer ones better_share (the same number).
        better = "better_share" if "better_share" in comp else "win_share"
        rows = {}
        for r in comp.to_dict("records"):
            rows[(r["variant"], r["metric"])] = {
                "base_mean": float(r["base_mean"]), "diff_mean": float(r["diff_mean"]),
                "diff_low": float(r["diff_low"]), "diff_high": float(r["diff_high"]),
                "width_ratio": float(r["width_ratio"]), "better_share": float(r[better])}
        working = int(reader.Results(f, f"variant/{names[0]}/").working_days().shape[0])
        reps = {}
        for name in names:
            table = reader.Results(f, f"variant/{name}/").replications()
            reps[name] = {m: table[m].to_numpy() for m, *_ in ALL_METRICS if m in table}
        return rows, working, reps


def cell(row, fmt, scale):
    if row is None or math.isnan(row["diff_mean"]):
        return "–"
    d, lo, hi = (row[k] * scale for k in ("diff_mean", "diff_low", "diff_high"))
    mark = "**" if (lo > 0 or hi < 0) else ""
    return "{}{} [{}, {}]{}".format(mark, fmt.format(d), fmt.format(lo), fmt.format(hi), mark)


def metrics_in(rows):
    """ALL_METRICS that the file's /comparison has (older files lack the verdict metrics)."""
    present = {m for _, m in rows}
    return [m for m in ALL_METRICS if m[0] in present]


def robot_vs_desk(reps, working, metrics):
    """Paired robot - desk per metric: both ran on the base's random numbers, so replication r of
    each saw the same citizens and the difference of their differences is paired too."""
    out = []
    for metric, title, fmt, scale in metrics:
        s = scale if scale is not None else 1.0 / working
        d = (reps["robot"][metric] - reps["desk"][metric]) * s
        d = d[~np.isnan(d)]
        if len(d) < 2:
            out.append((title, "–", "–"))
            continue
        half = t975(len(d) - 1) * d.std(ddof=1) / math.sqrt(len(d))
        better = np.mean(d > 0) if metric in HIGHER else np.mean(d < 0)
        equal = np.mean(d == 0)  # a tie is a tie, not a loss
        shares = "{:.0f} / {:.0f} / {:.0f} %".format(100 * better, 100 * equal, 100 * (1 - better - equal))
        out.append((title, "{} [{}, {}]".format(fmt.format(d.mean()), fmt.format(d.mean() - half),
                                                fmt.format(d.mean() + half)), shares))
    return out


def section(args, template, title, path):
    rows, working, reps = read_comparison(path)
    metrics = metrics_in(rows)
    lines = ["### %s (`scenarios/templates/%s.toml`)" % (title, template), ""]
    base = []
    for metric, name, fmt, scale in metrics:
        r = rows.get(("robot", metric))
        s = scale if scale is not None else 1.0 / working
        base.append("%s %s" % (name, "–" if r is None or math.isnan(r["base_mean"]) else "{:.2f}".format(r["base_mean"] * s)))
    lines.append("Base (no policy), means over %d replications of %d days (%d working days): %s." % (
        args.replications, args.days, working, "; ".join(base)))
    lines.append("")
    lines.append("| policy | " + " | ".join(m[1] for m in metrics) + " | paired/unpaired width (mean wait) |")
    lines.append("|---|" + "---|" * (len(metrics) + 1))
    for name, _, label in POLICIES:
        cells = []
        for metric, _, fmt, scale in metrics:
            r = rows.get((name, metric))
            cells.append(cell(r, fmt, scale if scale is not None else 1.0 / working))
        w = rows.get((name, "wait_mean"))
        ratio = "–" if w is None or math.isnan(w["width_ratio"]) else "{:.2f}".format(w["width_ratio"])
        lines.append("| %s | %s | %s |" % (label, " | ".join(cells), ratio))
    lines.append("")
    lines.append("Does the AI robot beat two receptionists? Paired difference robot − receptionists "
                 "(negative = the robot is better, except for the service level and the on-time "
                 "rate), and the shares of replications in which the robot did better, the same, "
                 "or worse:")
    lines.append("")
    lines.append("| metric | robot − receptionists [95 % CI] | robot better / equal / worse |")
    lines.append("|---|---|---|")
    for t, d, w in robot_vs_desk(reps, working, metrics):
        lines.append("| %s | %s | %s |" % (t, d, w))
    lines.append("")
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--motcua", default="build/sim/motcua")
    p.add_argument("--replications", type=int, default=30)
    p.add_argument("--days", type=int, default=26)
    p.add_argument("--page", default="docs/policies.md")
    p.add_argument("--workdir", default="out/policies")
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    out = ["<!-- results:begin -->",
           "<!-- Generated by analysis/policy_results.py --replications %d --days %d; do not edit by hand. -->" % (
               args.replications, args.days), ""]
    for template, title in TEMPLATES:
        path = os.path.join(args.workdir, template + ".h5")
        run_compare(args, template, path)
        out += section(args, template, title, path)
    out.append("<!-- results:end -->")
    page = open(args.page, encoding="utf-8").read()
    begin, end = page.index("<!-- results:begin -->"), page.index("<!-- results:end -->") + len("<!-- results:end -->")
    open(args.page, "w", encoding="utf-8").write(page[:begin] + "\n".join(out) + page[end:])
    print("wrote", args.page)


if __name__ == "__main__":
    sys.exit(main())
