#!/usr/bin/python3
"""Build a small `motcua compare`-style results file from single-run files, to test the report.

usage: make_variants_file.py OUT.h5 BASE_NAME=base.h5 OTHER_NAME=other.h5 ...

The layout is the one announced for `motcua compare` (root attribute `variants`, /variants with
name and overlays, each variant's tables under /variant/<name>/, and /comparison with one row per
variant and metric). Until that command exists, this lets the report's multi-variant page be
tested. Differences are paired replication by replication (d_i = variant_i - base_i, Student t);
win_share here is the share of replications in which the variant's value is lower.
"""
import math
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "analysis"))
from motcua_report.intervals import Interval, t975  # noqa: E402


def comparison_rows(base, other):
    """(metric, base_mean, variant_mean, diff, low, high, unpaired_low, unpaired_high, win_share)."""
    rows = []
    for metric in base["summary/metric"].asstr()[()]:
        b, v = base["replications"][metric][()], other["replications"][metric][()]
        d = Interval(v - b)
        ib, iv = Interval(b), Interval(v)
        se = math.sqrt(ib.sd**2 / ib.n + iv.sd**2 / iv.n) if ib.n > 1 and iv.n > 1 else math.nan
        half = t975(ib.n + iv.n - 2) * se if ib.n > 1 else math.nan
        ok = ~np.isnan(v - b)
        win = float(np.mean((v - b)[ok] < 0)) if ok.any() else math.nan
        rows.append((metric, ib.mean, iv.mean, d.mean, d.low, d.high, d.mean - half, d.mean + half, win))
    return rows


def main(argv):
    out, pairs = argv[0], [a.split("=", 1) for a in argv[1:]]
    sources = [(name, h5py.File(path, "r")) for name, path in pairs]
    strings = h5py.string_dtype("utf-8")
    with h5py.File(out, "w") as f:
        first = sources[0][1]
        for k, v in first.attrs.items():
            f.attrs[k] = v
        f.attrs["variants"] = np.uint64(len(sources))
        g = f.create_group("variants")
        g["name"] = np.array([n for n, _ in sources], dtype=object).astype(strings)
        g["overlays"] = np.array([""] + [f"overlays/{n}.toml" for n, _ in sources[1:]], dtype=object).astype(strings)
        for name, src in sources:
            for table in src:
                src.copy(src[table], f, name=f"variant/{name}/{table}")
        rows = [(name, *r) for name, src in sources[1:] for r in comparison_rows(first, src)]
        c = f.create_group("comparison")
        c["variant"] = np.array([r[0] for r in rows], dtype=object).astype(strings)
        c["metric"] = np.array([r[1] for r in rows], dtype=object).astype(strings)
        for i, col in enumerate(["base_mean", "variant_mean", "diff_mean", "diff_low", "diff_high",
                                 "unpaired_low", "unpaired_high", "win_share"]):
            c[col] = np.array([r[2 + i] for r in rows], dtype=float)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
