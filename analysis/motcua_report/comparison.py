"""Variants of a `motcua compare` file: the paired-comparison table and a forest plot."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .figures import BLUE, GREY  # noqa: E402

# Metrics a ward leader asks about first; others follow in the file's order.
KEY_METRICS = ["wait_mean", "wait_p90", "sent_home", "reneged", "served", "utilization",
               "on_time_rate", "system_down", "backlog_mean"]


def metric_order(comp):
    present = list(dict.fromkeys(comp["metric"]))
    return [m for m in KEY_METRICS if m in present] + [m for m in present if m not in KEY_METRICS]


def forest_plot(comp, max_metrics=8):
    """One panel per metric: each variant's mean paired difference with its 95 % interval.

    The thin grey line is the unpaired interval of the same difference: it shows how much the
    common random numbers sharpen the comparison.
    """
    # A metric that never differs (0 in every pair, e.g. system_down without systems) says nothing.
    moving = comp.groupby("metric").apply(lambda g: bool(((g["diff_high"] - g["diff_low"]).abs() > 0).any()
                                                         or (g["diff_mean"].abs() > 0).any()))
    metrics = [m for m in metric_order(comp) if moving.get(m, False)][:max_metrics]
    if not metrics:
        metrics = metric_order(comp)[:1]
    variants = list(dict.fromkeys(comp["variant"]))
    fig, axes = plt.subplots(len(metrics), 1, figsize=(8, 0.45 * len(variants) * len(metrics) + 1.2 * len(metrics)),
                             squeeze=False)
    for ax, metric in zip(axes[:, 0], metrics):
        rows = comp[comp["metric"] == metric].set_index("variant").reindex(variants)
        y = np.arange(len(variants))
        ax.hlines(y + 0.18, rows["unpaired_low"], rows["unpaired_high"], color=GREY, lw=1)
        ax.hlines(y, rows["diff_low"], rows["diff_high"], color=BLUE, lw=2.5)
        ax.plot(rows["diff_mean"], y, "o", color=BLUE)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, variants)
        ax.set_ylim(-0.6, len(variants) - 0.4)
        ax.invert_yaxis()
        ax.set_title(f"{metric}: variant − base", loc="left", fontsize=9)
    axes[-1, 0].set_xlabel("difference (variant − base), paired 95 % interval; grey: unpaired")
    fig.tight_layout()
    return fig


def _fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def table_rows(comp):
    """Rows for the HTML table, key metrics first: text cells plus whether the interval excludes 0."""
    out = []
    for metric in metric_order(comp):
        for r in comp[comp["metric"] == metric].itertuples():
            clear = (r.diff_low > 0 or r.diff_high < 0) if not math.isnan(r.diff_low) else False
            out.append(([r.variant, metric, _fmt(r.base_mean), _fmt(r.variant_mean), _fmt(r.diff_mean),
                         f"{_fmt(r.diff_low)} to {_fmt(r.diff_high)}",
                         f"{_fmt(r.unpaired_low)} to {_fmt(r.unpaired_high)}",
                         "–" if math.isnan(r.win_share) else f"{100 * r.win_share:.0f} %"], clear))
    return out
