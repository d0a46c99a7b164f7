"""Plots of a national file: one bar per province, each returning (Figure, caption) or Skip."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import national_facts  # noqa: E402
from .plotting import BLUE, GREEN, Skip, _errorbar_h  # noqa: E402
from .labels import pick  # noqa: E402


def _frame(intervals, k=1.0, top=None):
    """mean / low / high columns (times k, high at most top) from a Series of Intervals."""
    frame = pd.DataFrame({"mean": [iv.mean * k for iv in intervals],
                          "low": [iv.low * k for iv in intervals],
                          "high": [iv.high * k for iv in intervals]})
    if top is not None:
        frame["high"] = frame["high"].clip(upper=top)
    return frame


def _province_bars(res, key, k, color, national_metric, worst_high, lang, top=None):
    """Horizontal bars of one Interval column per province, the worst at the top, national line.

    worst_high: True when a large value is bad (a wait), False when a small one is (on time).
    """
    table = national_facts.province_table(res)
    table = table[table[key].map(lambda iv: iv.n > 0)]
    if table.empty:
        raise Skip(pick(lang, "no province has a value for this quantity",
                        "không tỉnh, thành phố nào có số liệu này"))
    table = table.assign(_m=table[key].map(lambda iv: iv.mean)).sort_values("_m", ascending=worst_high)
    frame = _frame(table[key], k, top)
    fig, ax = plt.subplots(figsize=(9, 0.32 * len(table) + 1.4))
    y = np.arange(len(table))
    if frame["low"].notna().any():
        _errorbar_h(ax, y, frame, color)
    else:  # one replication: no whiskers (figures._errorbar_h would draw empty caps)
        ax.barh(y, frame["mean"], color=color, height=0.8)
    ax.set_yticks(y, [pick(lang, f"{n} ({c} centers)", f"{n} ({c} trung tâm)")
                      for n, c in zip(table["name"], table["centers"])])
    nat = national_facts.national_intervals(res).get(national_metric)
    if nat is not None:
        ax.axvline(nat.mean * k, color="black", lw=0.9, ls="--")
    ax.set_ylim(-0.6, len(table) - 0.4)
    return fig, ax, frame


def _title(res, what, lang):
    n = res.n_replications()
    if n >= 2:
        return what + pick(lang, ", 95 % interval across replications", ", khoảng tin cậy 95 %")
    return what + pick(lang, ", one replication, no interval", ", một lần mô phỏng, không có khoảng tin cậy")


def province_on_time(res, lang="en"):
    """On-time rate of dossiers by province, with 95 % whiskers across replications."""
    fig, ax, frame = _province_bars(res, "on_time", 100.0, GREEN, "on_time_rate", False, lang, top=100.0)
    low = float(np.nanmin(np.concatenate([frame["low"], frame["mean"]])))  # one replication: NaN lows
    ax.set_xlim(max(0.0, low - max(1.0, 0.2 * (100 - low))), 100.2)  # zoomed: rates are close
    ax.set_xlabel(pick(lang, "dossiers finished on time (%) of those whose outcome is known; "
                             "dashed: all centers of the run",
                       "hồ sơ đúng hạn (%) trên số hồ sơ đã có kết quả; nét đứt: tất cả các trung tâm"))
    ax.set_title(_title(res, pick(lang, "On-time rate by province", "Tỷ lệ hồ sơ đúng hạn theo tỉnh, thành phố"), lang))
    fig.tight_layout()
    if lang == "vi":
        return fig, ("Với mỗi tỉnh, thành phố và mỗi lần mô phỏng: số hồ sơ đúng hạn chia cho số hồ sơ "
                     "đã xong hoặc đã quá hạn, cộng trên các trung tâm (hồ sơ chưa đến hạn khi hết kỳ "
                     "không được tính); thanh là trung bình qua các lần mô phỏng, nét đứt là giá trị "
                     "chung của tất cả các trung tâm. Trục không bắt đầu từ 0 để dễ phân biệt các tỷ "
                     "lệ gần nhau.")
    return fig, ("Per province and replication, on_time / (completed + open_overdue) summed over "
                 "its centers (dossiers not yet due at the end are left out); the bar is the mean "
                 "over replications, the dashed line the value over all centers of the run. The "
                 "axis does not start at 0, so that close rates can be told apart.")


def province_wait(res, lang="en"):
    """Mean wait of served citizens by province, with 95 % whiskers across replications."""
    fig, ax, _ = _province_bars(res, "wait", 1.0, BLUE, "wait_mean", True, lang)
    ax.set_xlim(left=0)
    ax.set_xlabel(pick(lang, "mean wait of served citizens (min); dashed: all centers of the run",
                       "thời gian chờ trung bình của người được phục vụ (phút); nét đứt: tất cả các "
                       "trung tâm"))
    ax.set_title(_title(res, pick(lang, "Mean wait by province",
                                  "Thời gian chờ trung bình theo tỉnh, thành phố"), lang))
    fig.tight_layout()
    if lang == "vi":
        return fig, ("Với mỗi tỉnh, thành phố và mỗi lần mô phỏng: thời gian chờ trung bình của mọi "
                     "người được phục vụ tại các trung tâm (trung bình của từng trung tâm, có trọng "
                     "số là số người được phục vụ); thanh là trung bình qua các lần mô phỏng, nét "
                     "đứt là giá trị chung của tất cả các trung tâm.")
    return fig, ("Per province and replication, the mean wait of everyone served at its centers "
                 "(the centers' mean waits weighted by the citizens they served); the bar is the "
                 "mean over replications, the dashed line the value over all centers of the run.")


# (file stem, section title, function); the order is the order on the page.
NATIONAL_PLOTS = [
    ("province_on_time", ("On-time rate by province", "Tỷ lệ hồ sơ đúng hạn theo tỉnh, thành phố"),
     province_on_time),
    ("province_wait", ("Mean wait by province", "Thời gian chờ theo tỉnh, thành phố"), province_wait),
]
