#!/usr/bin/python3
"""The round-trip and hold-out numbers of docs/fit.md, from motcua itself.

usage: /usr/bin/python3 analysis/fit_round_trip.py [--motcua build/sim/motcua]

Runs the ward with known parameters (tests/fit/data/known_ward.toml, 4 weeks) with a trace,
fits the trace, and prints each parameter's truth, estimate, standard error and distance in
standard errors; then fits weeks 1-3, simulates week 4 from the fit (200 replications, seed 1)
and compares its served count and mean wait with the trace's week 4. The same checks, with the
bands, are tests/fit/round_trip_test.cpp.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WARD = os.path.join(ROOT, "tests/fit/data/known_ward.toml")
CATALOGUE = os.path.join(ROOT, "tests/fit/data/known_catalogue.toml")
TIMES = ["ticket", "service_start"]


def run(motcua, *args):
    subprocess.run([motcua, *args], check=True, stdout=subprocess.DEVNULL)


def fit(motcua, log, out):
    run(motcua, "fit", log, "-o", out, "--catalogue", CATALOGUE, "-q")
    with open(out[:-5] + ".fit.json", encoding="utf-8") as f:
        return json.load(f)


def served_and_wait(trace):
    s = trace[trace.outcome == "served"]
    # The first call: the `calls` column's first clock time on the service's date.
    first = pd.to_datetime(s.service_start.dt.strftime("%Y-%m-%d ") + s.calls.str.slice(0, 8))
    return len(s), ((first - s.ticket).dt.total_seconds() / 60).mean()


def row(name, truth, est, se):
    return f"| {name} | {truth:.4g} | {est:.4g} | {se:.3g} | {abs(est - truth) / se:.2f} |"


def round_trip(f):
    lines = ["| parameter | truth | estimate | SE | distance (SE) |", "|---|---|---|---|---|"]
    factors = [1.2, 1.0, 1.0, 0.9, 0.9]
    for w, name in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]):
        wd = f["weekdays"][w]
        truth = 150 * factors[w]
        lines.append(row(f"tickets a day, {name}", truth, wd["per_day"]["value"],
                         math.sqrt(truth / wd["open_days"])))
    n = f["kept"]
    for d, truth in zip(f["domains"], [0.3, 0.5, 0.2]):
        lines.append(row(f"share of {d['id']}", truth, d["share"]["value"], math.sqrt(truth * (1 - truth) / n)))
    lines.append(row("priority share", 0.1, f["priority_share"]["value"], math.sqrt(0.09 / n)))
    fams = {x["family"]: x for x in f["domains"][0]["fits"]}
    p = fams["exponential"]["params"][0]
    lines.append(row("civil_status exponential mean", 6.0, p["value"], p["se"]))
    g = {x["family"]: x for x in f["domains"][1]["fits"]}["gamma"]["params"]
    lines.append(row("certification gamma shape", 2.5, g[0]["value"], g[0]["se"]))
    lines.append(row("certification gamma scale", 2.4, g[1]["value"], g[1]["se"]))
    ln = {x["family"]: x for x in f["domains"][2]["fits"]}["lognormal"]["params"]
    lines.append(row("land lognormal mu = ln 8", math.log(8), ln[0]["value"], ln[0]["se"]))
    lines.append(row("land lognormal sigma", math.sqrt(math.log(1.36)), ln[1]["value"], ln[1]["se"]))
    pm = f["patience"]["mean"]
    lines.append(row(f"patience mean ({f['patience']['reneged']} gave up)", 40.0, pm["value"],
                     40.0 / math.sqrt(f["patience"]["reneged"])))
    chosen = ", ".join(f"{d['id']} {d['best']}" for d in f["domains"])
    lines.append("")
    lines.append(f"Families chosen by AIC: {chosen} (truth: exponential, gamma, lognormal). "
                 f"Sessions: {f['sessions'][0]} (minutes; truth 450-690, 810-1020).")
    return "\n".join(lines)


def hold_out(motcua, trace_path, tmp):
    trace = pd.read_csv(trace_path, parse_dates=TIMES, keep_default_na=False, na_values=[""])
    first = trace[trace.ticket < "2025-09-29"]
    week4 = trace[trace.ticket >= "2025-09-29"]
    log = os.path.join(tmp, "weeks1-3.csv")
    first.to_csv(log, index=False, date_format="%Y-%m-%d %H:%M:%S")
    ward = os.path.join(tmp, "ward.toml")
    fit(motcua, log, ward)
    pred = os.path.join(tmp, "week4.csv")
    run(motcua, "run", ward, "-o", os.path.join(tmp, "w4.h5"), "-r", "200", "-s", "1", "-q",
        "--set", "run.start_date=2025-09-29", "--set", "run.days=5", "--trace", pred)
    sim = pd.read_csv(pred, parse_dates=TIMES, keep_default_na=False, na_values=[""])
    per_rep = pd.DataFrame([served_and_wait(g) for _, g in sim.groupby("replication")],
                           columns=["served", "wait"])
    served, wait = served_and_wait(week4)
    band = 3 * math.sqrt(4 / 3)
    out = ["| week 4 | actual | predicted (mean of 200) | sd of a week | distance (sd) | band (sd) |",
           "|---|---|---|---|---|---|"]
    for name, actual, col in [("served", served, "served"), ("mean wait (min)", wait, "wait")]:
        m, sd = per_rep[col].mean(), per_rep[col].std()
        out.append(f"| {name} | {actual:.4g} | {m:.4g} | {sd:.3g} | {abs(actual - m) / sd:.2f} | {band:.2f} |")
    return "\n".join(out)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--motcua", default=os.path.join(ROOT, "build/sim/motcua"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        trace = os.path.join(tmp, "trace.csv")
        run(args.motcua, "run", WARD, "-o", os.path.join(tmp, "k.h5"), "-q", "--trace", trace)
        print("### Round trip\n")
        print(round_trip(fit(args.motcua, trace, os.path.join(tmp, "all.toml"))))
        print("\n### Hold-out\n")
        print(hold_out(args.motcua, trace, tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
