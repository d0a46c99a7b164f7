"""Variants of a `motcua compare` file: the paired-comparison table and a forest plot."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .figures import BLUE, GREEN, GREY, RED  # noqa: E402

# Paired interval clear of 0 and better / worse / no direction; blue when it contains 0.
VERDICT_COLOR = {"better": GREEN, "worse": RED, "different": "#7a5fb0", "": BLUE}

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
        colors = [VERDICT_COLOR[verdict(r)] for r in rows.reset_index().itertuples()]
        ax.hlines(y + 0.18, rows["unpaired_low"], rows["unpaired_high"], color=GREY, lw=1)
        ax.hlines(y, rows["diff_low"], rows["diff_high"], color=colors, lw=2.5)
        ax.scatter(rows["diff_mean"], y, color=colors, zorder=3)
        ax.axvline(0, color="black", lw=0.8)
        ax.set_yticks(y, variants)
        ax.set_ylim(-0.6, len(variants) - 0.4)
        ax.invert_yaxis()
        better = rows["better"].dropna().iloc[0] if "better" in rows and rows["better"].notna().any() else ""
        hint = f" ({better} is better)" if better in ("lower", "higher") else ""
        ax.set_title(f"{metric}: variant − base{hint}", loc="left", fontsize=9)
    axes[-1, 0].set_xlabel("difference (variant − base), paired 95 % interval (green: better, red: "
                           "worse, blue: contains 0); grey: unpaired")
    fig.tight_layout()
    return fig


def _fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    return f"{x:,.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def verdict(row):
    """'better', 'worse', 'different' (no direction) or '' when the paired interval contains 0.

    `better` ("lower", "higher" or "") is written by motcua compare; a hand-made file may lack it.
    """
    if math.isnan(row.diff_low) or not (row.diff_low > 0 or row.diff_high < 0):
        return ""
    better = getattr(row, "better", "") or ""
    if better not in ("lower", "higher"):
        return "different"
    return "better" if (row.diff_high < 0) == (better == "lower") else "worse"


def table_rows(comp):
    """Rows for the HTML table, key metrics first: text cells plus the row's verdict (a CSS class)."""
    out = []
    for metric in metric_order(comp):
        for r in comp[comp["metric"] == metric].itertuples():
            out.append(([r.variant, metric, _fmt(r.base_mean), _fmt(r.variant_mean), _fmt(r.diff_mean),
                         f"{_fmt(r.diff_low)} to {_fmt(r.diff_high)}",
                         f"{_fmt(r.unpaired_low)} to {_fmt(r.unpaired_high)}",
                         "–" if math.isnan(r.win_share) else f"{100 * r.win_share:.0f} %"], verdict(r)))
    return out
