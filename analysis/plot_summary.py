#!/usr/bin/python3
"""Plot the wait statistics of a motcua results file (reads HDF5 only) to a PNG.

usage: /usr/bin/python3 analysis/plot_summary.py out/default.h5 -o out/default.png
"""
import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from motcua_report import reader  # noqa: E402  (the one HDF5 reader of analysis/)


def load(path):
    """(scenario name, /replications, /summary indexed by metric) of a single-run file."""
    with reader.open_file(path) as f:
        res = reader.Results(f)
        return res.attr("scenario_name", "?"), res.replications(), res.summary()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", help="HDF5 file written by motcua run")
    parser.add_argument("-o", "--output", required=True, help="PNG file to write")
    args = parser.parse_args(argv)
    try:
        name, reps, summary = load(args.results)
    except (reader.BadInput, KeyError) as e:
        print(f"plot_summary: cannot read {args.results}: {e}", file=sys.stderr)
        return 2

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    metrics = ["wait_mean", "wait_p50", "wait_p90", "wait_p95"]
    rows = summary.loc[metrics]
    left.bar(range(len(metrics)), rows["mean"], color="#3b7dd8",
             yerr=rows["ci95_half_width"], capsize=6)
    left.set_xticks(range(len(metrics)), ["mean", "median", "90th pct", "95th pct"])
    left.set_ylabel("wait from arrival to call (min)")
    left.set_title("Waiting time, mean over replications with 95 % CI")

    right.hist(reps["wait_mean"], bins=min(20, max(5, len(reps) // 2)), color="#d8843b")
    right.set_xlabel("mean wait in one replication (min)")
    right.set_ylabel("replications")
    right.set_title("Spread between replications")
    fig.suptitle(name)
    fig.tight_layout()
    fig.savefig(args.output, dpi=110)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
