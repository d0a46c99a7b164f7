"""Variants of a `motcua compare` file: the paired-comparison table and a forest plot."""
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from . import labels  # noqa: E402
from .plotting import BLUE, GREEN, GREY, RED  # noqa: E402
from .labels import pick  # noqa: E402
from .summary_text import number  # noqa: E402

# Paired interval clear of 0 and better / worse / no direction; blue when it contains 0.
VERDICT_COLOR = {"better": GREEN, "worse": RED, "different": "#7a5fb0", "": BLUE}

# Metrics a ward leader asks about first, everyone who came before the wait of those served;
# others follow in the file's order.
KEY_METRICS = ["service_level", "unserved_share", "helped", "served", "turned_away", "reneged",
               "sent_home", "wait_mean", "wait_p90", "utilization", "on_time_rate", "system_down",
               "backlog_mean"]
SHARES = {"service_level", "unserved_share", "utilization", "on_time_rate", "abandon_prob"}


def metric_order(comp):
    present = list(dict.fromkeys(comp["metric"]))
    return [m for m in KEY_METRICS if m in present] + [m for m in present if m not in KEY_METRICS]


def forest_plot(comp, lang="en", max_metrics=8):
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
        hint = {"lower": pick(lang, " (lower is better)", " (thấp hơn là tốt hơn)"),
                "higher": pick(lang, " (higher is better)", " (cao hơn là tốt hơn)")}.get(better, "")
        ax.set_title(f"{labels.metric(metric, lang)}: " + pick(lang, "variant − base", "phương án − gốc")
                     + hint, loc="left", fontsize=9)
    axes[-1, 0].set_xlabel(pick(lang, "difference (variant − base), paired 95 % interval (green: "
                                      "better, red: worse, blue: contains 0); grey: unpaired",
                                "chênh lệch (phương án − gốc), khoảng tin cậy 95 % ghép cặp (xanh "
                                "lá: tốt hơn, đỏ: kém hơn, xanh dương: chứa 0); xám: không ghép cặp"))
    fig.tight_layout()
    return fig


def _fmt(x, lang="en"):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x) >= 1000:
        return number(x, lang, 0)
    text = f"{x:.3g}"
    return text.replace(".", ",") if lang == "vi" else text


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


def headers(lang):
    return [pick(lang, "variant", "phương án"), pick(lang, "what", "chỉ số"),
            pick(lang, "base", "gốc"), pick(lang, "variant", "phương án"),
            pick(lang, "difference", "chênh lệch"), pick(lang, "paired 95 %", "ghép cặp 95 %"),
            pick(lang, "unpaired 95 %", "không ghép cặp 95 %"),
            pick(lang, "better / equal / worse in", "tốt hơn / bằng / kém hơn")]


def shares(r, lang):
    """'60 / 30 / 10 %' of replications better / equal / worse; older files have only win_share
    (better), and ties were counted as losses there, so only 'better in' is shown for them."""
    def pct(x):
        return number(100 * x, lang, 0)
    better = getattr(r, "better_share", getattr(r, "win_share", math.nan))
    if math.isnan(better):
        return "–"
    equal, worse = getattr(r, "equal_share", math.nan), getattr(r, "worse_share", math.nan)
    if math.isnan(equal) or math.isnan(worse):
        return pick(lang, f"better in {pct(better)} %", f"tốt hơn {pct(better)} %")
    return f"{pct(better)} / {pct(equal)} / {pct(worse)} %"


def table_rows(comp, lang="en"):
    """Rows for the HTML table, key metrics first: (text cells, the row's verdict as a CSS class,
    the metric). Shares are shown in %, differences of shares in points."""
    out = []
    for metric in metric_order(comp):
        k = 100.0 if metric in SHARES else 1.0
        unit = pick(lang, " (%, points)", " (%, điểm)") if metric in SHARES else ""
        for r in comp[comp["metric"] == metric].itertuples():
            f = lambda x: _fmt(x * k, lang)  # noqa: E731
            to = pick(lang, "to", "đến")
            out.append(([r.variant, labels.metric(metric, lang) + unit, f(r.base_mean),
                         f(r.variant_mean), f(r.diff_mean), f"{f(r.diff_low)} {to} {f(r.diff_high)}",
                         f"{f(r.unpaired_low)} {to} {f(r.unpaired_high)}", shares(r, lang)],
                        verdict(r), metric))
    return out
