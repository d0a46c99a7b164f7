"""What every plot of the report shares: colours, Skip, bars and bands with 95 % intervals,
date axes, and decimal commas for the Vietnamese page."""
import matplotlib

matplotlib.use("Agg")  # the report runs on servers and in CI: never look for a display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.ticker import ScalarFormatter  # noqa: E402

from .labels import pick  # noqa: E402

BLUE, ORANGE, GREY, GREEN, RED = "#3b7dd8", "#d8843b", "#9aa3ad", "#4c9a5a", "#c8423b"
plt.rcParams.update({"figure.dpi": 100, "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False, "axes.titlesize": 10})


class Skip(Exception):
    """This plot cannot be drawn from this file; the message says why (shown on the page)."""


class _CommaFormatter(ScalarFormatter):
    """Matplotlib's tick labels with a decimal comma (Vietnamese)."""

    def __call__(self, x, pos=None):
        return super().__call__(x, pos).replace(".", ",")


def localise(fig, lang):
    """Decimal commas on every numeric axis of a Vietnamese figure (dates and text ticks stay)."""
    if lang != "vi":
        return
    for ax in fig.get_axes():
        for axis in (ax.xaxis, ax.yaxis):
            if type(axis.get_major_formatter()) is ScalarFormatter:
                axis.set_major_formatter(_CommaFormatter())


# Why a table that exists can be empty: the scenario does not model that part of the center.
EMPTY_REASON = {"systems": ("the scenario models no software systems",
                            "kịch bản không mô phỏng hệ thống phần mềm"),
                "layout_systems": ("the scenario models no software systems",
                                   "kịch bản không mô phỏng hệ thống phần mềm")}


def _need(res, lang, *tables):
    for t in tables:
        if t not in res.table_names():
            raise Skip(pick(lang, f"the file has no /{t} table (station-form scenarios and older "
                                  "files do not write it)",
                            f"tệp không có bảng /{t} (kịch bản dạng một quầy và tệp cũ không ghi "
                            "bảng này)"))
        if not res.has(t):
            en, vi = EMPTY_REASON.get(t, (f"the file's /{t} table is empty", f"bảng /{t} của tệp trống"))
            raise Skip(pick(lang, en, vi))


def _errorbar_h(ax, y, frame, color, label=None, height=0.8):
    """Horizontal bars of frame['mean'] with 95 % whiskers [low, high] (NaN whiskers dropped)."""
    err = np.vstack([frame["mean"] - frame["low"].clip(lower=0), frame["high"] - frame["mean"]])
    err = np.nan_to_num(err, nan=0.0)
    ax.barh(y, frame["mean"], xerr=err, color=color, capsize=3, label=label, height=height,
            error_kw={"elinewidth": 0.8})


def _band(ax, x, frame, color, label):
    """A mean line with its 95 % band; every plotted quantity is >= 0, so the band stops at 0."""
    ax.plot(x, frame["mean"], color=color, lw=1.5, label=label)
    if frame["low"].notna().any():
        ax.fill_between(x, frame["low"].clip(lower=0), frame["high"], color=color, alpha=0.18, lw=0)


def _date_axis(ax, lang):
    """Readable dates (Vietnamese: dd/mm/yyyy), fewer ticks on long runs."""
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(pick(lang, "%a %d %b", "%d/%m/%Y")))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_ha("right")


def _days(res):
    """/days with the calendar's weekday, working flag and date."""
    cal = res.table("calendar")
    return res.table("days").merge(cal[["day", "date", "weekday", "working", "surge"]], on="day")



def _frame(intervals, k=1.0):
    """mean / low / high columns (times k) from a list of Intervals."""
    return pd.DataFrame({"mean": [iv.mean * k for iv in intervals],
                         "low": [iv.low * k for iv in intervals],
                         "high": [iv.high * k for iv in intervals]})
