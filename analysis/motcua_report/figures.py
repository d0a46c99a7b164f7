"""The report's plots of citizens: one function per plot, each returning (Figure, caption) or
raising Skip(reason); MAIN_PLOTS is the order on the page (staff and back-office plots are in
office_figures.py)."""
import matplotlib

matplotlib.use("Agg")  # the report runs on servers and in CI: never look for a display
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import facts, labels  # noqa: E402
from .intervals import by_group  # noqa: E402
from .labels import pick  # noqa: E402
from .office_figures import dossiers, overtime, sent_home, systems, utilisation  # noqa: E402
from .plotting import (BLUE, ORANGE, RED, Skip, _band, _date_axis, _days,  # noqa: E402
                       _errorbar_h, _frame, _need)
from .plotting import localise  # noqa: E402,F401  (main.py and the tests use figures.localise)
from .summary_text import clock, number  # noqa: E402


def queue_through_day(res, lang="en"):
    """Tickets waiting by clock time, one line per weekday, mean over days and replications."""
    _need(res, lang, "timeseries", "calendar")
    cal = res.working_days()
    ts = res.table("timeseries").merge(cal[["day", "weekday"]], on="day")  # working days only
    if ts.empty:
        raise Skip(pick(lang, "the run has no working day", "không có ngày làm việc nào"))
    # A replication's value for (weekday, bin) is its mean over the days of that weekday; the
    # band is the 95 % interval of that value across replications.
    per = ts.groupby(["weekday", "bin_start", "replication"], as_index=False)["tickets_waiting"].mean()
    active = per.groupby("bin_start")["tickets_waiting"].max()
    active = active[active > 0.01].index
    lo, hi = max(active.min() - 30, 0), min(active.max() + 45, 1440)
    fig, ax = plt.subplots(figsize=(9, 3.8))
    colors = plt.cm.viridis(np.linspace(0, 0.9, per["weekday"].nunique()))
    for color, (wd, g) in zip(colors, per.groupby("weekday")):
        prof = by_group(g, "bin_start", "tickets_waiting")
        prof = prof[(prof["bin_start"] >= lo) & (prof["bin_start"] <= hi)]
        n_days = int((cal["weekday"] == wd).sum())
        day = labels.WEEKDAY[lang][int(wd)]
        _band(ax, (prof["bin_start"] + 7.5) / 60, prof, color,
              pick(lang, f"{day} ({n_days} day{'s' if n_days > 1 else ''})",
                   f"{day[:1].upper() + day[1:]} ({n_days} ngày)"))
    ticks = np.arange(np.ceil(lo / 60), np.floor(hi / 60) + 1)
    ax.set_xticks(ticks, [clock(60 * t) for t in ticks])
    ax.set_xlabel(pick(lang, "clock time (15-minute bins)", "giờ trong ngày (từng khoảng 15 phút)"))
    ax.set_ylabel(pick(lang, "tickets waiting (all domains)", "số người đang chờ (mọi lĩnh vực)"))
    ax.set_title(pick(lang, "Queue through the day, mean over days and replications, 95 % band",
                      "Số người chờ trong ngày, trung bình qua các ngày và các lần mô phỏng, "
                      "dải tin cậy 95 %"))
    ax.legend(frameon=False, ncol=2)
    fig.tight_layout()
    return fig, pick(lang, "Average number of tickets waiting in all domain queues together, by "
                           "clock time and weekday (working days only). The file records the queue "
                           "of all domains together, not per domain: the next plots show waits per "
                           "domain.",
                     "Số người cầm số đang chờ ở tất cả các lĩnh vực, theo giờ trong ngày và theo "
                     "thứ (chỉ tính ngày làm việc). Tệp kết quả chỉ ghi hàng chờ chung của mọi lĩnh "
                     "vực; thời gian chờ theo từng lĩnh vực có ở các biểu đồ sau.")


def wait_distribution(res, lang="en"):
    """Wait percentiles of a replication (from /summary) and the daily p50/p90 through the run."""
    s = res.summary()
    names = [m for m in ("wait_mean", "wait_p50", "wait_p90", "wait_p95") if m in s.index]
    if not names:
        raise Skip(pick(lang, "the file's /summary has no wait metrics",
                        "bảng /summary của tệp không có số liệu thời gian chờ"))
    center = res.has("days") and res.has("calendar")
    fig, axes = plt.subplots(1, 2 if center else 1, figsize=(10, 3.8), squeeze=False)
    left = axes[0][0]
    rows = s.loc[names]
    err = np.nan_to_num(rows["ci95_half_width"].to_numpy(dtype=float), nan=0.0)
    left.bar(range(len(names)), rows["mean"], yerr=err, color=[ORANGE, BLUE, BLUE, BLUE][:len(names)],
             capsize=5)
    ticks = {"wait_mean": pick(lang, "mean", "trung bình"), "wait_p50": pick(lang, "median", "trung vị"),
             "wait_p90": pick(lang, "90th pct", "phân vị 90"),
             "wait_p95": pick(lang, "95th pct", "phân vị 95")}
    left.set_xticks(range(len(names)), [ticks[n] for n in names])
    left.set_ylabel(pick(lang, "wait from ticket to call (min)", "thời gian từ lấy số đến được gọi (phút)"))
    left.set_title(pick(lang, "Waits of served citizens, one run: mean over replications",
                        "Người được phục vụ chờ bao lâu"))
    for i, v in enumerate(rows["mean"]):
        left.annotate(number(v, lang, 1), (i, v), textcoords="offset points", xytext=(8, 2), fontsize=8)
    if center:
        right = axes[0][1]
        d = _days(res)
        d = d[(d["working"] > 0) & (d["served"] > 0)]
        d["t"] = pd.to_datetime(d["date"])
        for col, color, name in (("wait_p90", RED, pick(lang, "90th percentile", "phân vị 90")),
                                 ("wait_p50", BLUE, pick(lang, "median", "trung vị")),
                                 ("wait_mean", ORANGE, pick(lang, "mean", "trung bình"))):
            prof = by_group(d, "t", col)
            _band(right, prof["t"], prof, color, name)
        right.set_ylabel(pick(lang, "wait (min)", "thời gian chờ (phút)"))
        right.set_title(pick(lang, "Each working day: mean over replications, 95 % band",
                             "Theo từng ngày làm việc, dải tin cậy 95 %"))
        right.legend(frameon=False)
        right.set_ylim(bottom=0)
        _date_axis(right, lang)
    fig.tight_layout()
    return fig, pick(lang, "Left: the mean and percentiles of the waits of the citizens served in "
                           "one run (a replication), averaged over replications, with 95 % "
                           "intervals. Right: the same per working day. Only percentiles are "
                           "stored, not each citizen's wait.",
                     "Bên trái: thời gian chờ trung bình và các mức phân vị của người được phục vụ "
                     "trong một lần mô phỏng, lấy trung bình qua các lần mô phỏng, kèm khoảng tin "
                     "cậy 95 %. Bên phải: cùng các số đó theo từng ngày làm việc. Tệp chỉ lưu các "
                     "mức phân vị, không lưu thời gian chờ của từng người.")


def wait_by_domain(res, lang="en"):
    """Per domain over the whole run: the share of its citizens who went home unserved, and the
    mean wait of those served (facts.domain_facts: everyone who came counts first)."""
    _need(res, lang, "days_by_domain", "domains")
    dom = facts.domain_facts(res)
    if dom is None:
        raise Skip(pick(lang, "no domain had a visitor", "không lĩnh vực nào có người đến"))
    names = res.table("domains")["name"].to_numpy()
    keys = sorted(dom["domains"], key=lambda k: dom["domains"][k]["unserved"].mean)
    ticks = [pick(lang, f"{labels.en_name(str(names[k]))} ({dom['domains'][k]['arrived']:.0f} came)",
                  f"{labels.vi_name(str(names[k]), True)} ({number(dom['domains'][k]['arrived'], lang, 0)} người đến)")
             for k in keys]
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 0.35 * len(keys) + 1.4), sharey=True)
    y = np.arange(len(keys))
    _errorbar_h(a, y, _frame([dom["domains"][k]["unserved"] for k in keys], 100.0).clip(upper=100.0), RED)
    a.set_yticks(y, ticks)
    a.set_xlabel(pick(lang, "went home unserved (% of those who came)",
                      "ra về chưa được giải quyết (% số người đến)"))
    a.set_title(pick(lang, "Unserved by domain, 95 % interval",
                     "Người ra về chưa được giải quyết, theo lĩnh vực"))
    a.set_xlim(left=0)
    _errorbar_h(b, y, _frame([dom["domains"][k]["wait"] for k in keys]), BLUE)
    b.set_xlabel(pick(lang, "mean wait of those served (min)",
                      "thời gian chờ trung bình của người được phục vụ (phút)"))
    b.set_title(pick(lang, "Wait of those served, by domain, 95 % interval",
                     "Thời gian chờ của người được phục vụ, theo lĩnh vực"))
    fig.tight_layout()
    return fig, pick(lang, "Per domain of the citizen's procedure, over all days of the run. Left: "
                           "the share of those who came who went home unserved (gave up, left at the "
                           "sight of the queue, turned away, or sent home and not back by the end). "
                           "Right: the mean wait of those who were served. In brackets, the citizens "
                           "who came per run (first visits). Bars are means over replications with "
                           "95 % intervals.",
                     "Theo lĩnh vực của thủ tục, trên tất cả các ngày. Bên trái: tỷ lệ người dân "
                     "đến đã ra về mà chưa được giải quyết (bỏ về vì chờ lâu, thấy đông nên về, bị "
                     "từ chối, hoặc được hẹn lại mà đến cuối kỳ chưa quay lại). Bên phải: thời gian "
                     "chờ trung bình của người được phục vụ. Trong ngoặc: số người đến trong một "
                     "lần mô phỏng (lượt đầu). Thanh là trung bình qua các lần mô phỏng, kèm khoảng "
                     "tin cậy 95 %.")


MAIN_PLOTS = [
    ("queue_through_day", ("Queue through the day", "Hàng chờ trong ngày"), queue_through_day),
    ("wait_distribution", ("Waiting time", "Thời gian chờ"), wait_distribution),
    ("wait_by_domain", ("Unserved and waiting by domain",
                        "Người ra về chưa được giải quyết và thời gian chờ theo lĩnh vực"), wait_by_domain),
    ("utilisation", ("Counter and staff utilisation", "Mức độ bận của quầy và cán bộ"), utilisation),
    ("overtime", ("Overtime", "Làm thêm giờ"), overtime),
    ("sent_home", ("Citizens leaving unserved", "Người dân ra về chưa được giải quyết"), sent_home),
    ("systems", ("Software downtime", "Phần mềm ngừng hoạt động"), systems),
    ("dossiers", ("Dossiers on time and back-office backlog", "Hồ sơ đúng hạn và hồ sơ tồn đọng"),
     dossiers),
]
