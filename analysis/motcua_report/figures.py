"""The report's plots: one function per plot, each returning a Figure or raising Skip(reason)."""
import matplotlib

matplotlib.use("Agg")  # the report runs on servers and in CI: never look for a display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from matplotlib.ticker import ScalarFormatter  # noqa: E402

from . import facts, labels  # noqa: E402
from .intervals import Interval, by_group  # noqa: E402
from .labels import pick  # noqa: E402
from .summary_text import clock, number  # noqa: E402

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


def _frame(intervals, k=1.0):
    return pd.DataFrame({"mean": [iv.mean * k for iv in intervals],
                         "low": [iv.low * k for iv in intervals],
                         "high": [iv.high * k for iv in intervals]})


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


def utilisation(res, lang="en"):
    """Counters (serving / back office / idle) and staff utilisation, whole run."""
    _need(res, lang, "counters", "layout_counters", "staff", "layout_staff")
    c = res.table("counters")
    c = c[c["open"] > 0].copy()
    for col in ("busy", "back_office"):
        c[col + "_share"] = c[col] / c["open"]
    serve = by_group(c, "counter", "busy_share")
    office = by_group(c, "counter", "back_office_share")
    ids = facts.counter_names(res, lang)
    st = res.table("staff")
    st = st[st["present"] > 0]
    staff = by_group(st, "staff", "utilization")
    names = res.table("layout_staff")["name"].to_numpy()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 0.4 * max(len(serve), len(staff)) + 2.0))
    y = np.arange(len(serve))
    _errorbar_h(a, y, serve, BLUE, pick(lang, "serving citizens", "tiếp dân"))
    a.barh(y, office["mean"], left=serve["mean"], color=GREEN,
           label=pick(lang, "back-office work", "xử lý hồ sơ"))
    a.barh(y, 1 - serve["mean"] - office["mean"], left=serve["mean"] + office["mean"], color=GREY,
           alpha=0.4, label=pick(lang, "idle", "rảnh"))
    a.set_yticks(y, [ids[int(k)] for k in serve["counter"]])
    a.set_xlim(0, 1)
    a.set_xlabel(pick(lang, "share of the counter's open time", "tỷ lệ thời gian quầy mở cửa"))
    a.set_title(pick(lang, "Counters: how open time is spent", "Thời gian mở cửa của các quầy"))
    a.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    a.invert_yaxis()
    _errorbar_h(b, np.arange(len(staff)), staff, ORANGE)
    b.set_yticks(np.arange(len(staff)), [names[int(k)] for k in staff["staff"]])
    b.set_xlim(0, 1)
    b.set_xlabel(pick(lang, "busy / present (serving citizens)", "thời gian tiếp dân / thời gian có mặt"))
    b.set_title(pick(lang, "Staff utilisation, 95 % interval", "Mức độ bận của cán bộ"))
    b.invert_yaxis()
    fig.tight_layout()
    return fig, pick(lang, "Left: for each counter, the share of its open minutes spent serving "
                           "citizens (with the 95 % interval), on back-office work, and idle. Right: "
                           "for each civil servant who sat at an open counter, the share of that "
                           "time spent serving.",
                     "Bên trái: với mỗi quầy, tỷ lệ thời gian mở cửa dành cho tiếp dân (kèm khoảng "
                     "tin cậy 95 %), xử lý hồ sơ, và thời gian rảnh. Bên phải: với mỗi cán bộ ngồi "
                     "quầy, tỷ lệ thời gian có mặt dành cho tiếp dân.")


def overtime(res, lang="en"):
    """Overtime minutes per working day and per staff member."""
    _need(res, lang, "days", "calendar", "staff", "layout_staff")
    d = _days(res)
    d = d[d["working"] > 0].assign(t=lambda x: pd.to_datetime(x["date"]))
    per_day = by_group(d, "t", "overtime")
    st = by_group(res.table("staff"), "staff", "overtime")
    names = res.table("layout_staff")["name"].to_numpy()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.4, 1]})
    _band(a, per_day["t"], per_day, RED, pick(lang, "overtime", "làm thêm giờ"))
    a.scatter(per_day["t"], per_day["mean"], color=RED, s=10)
    a.set_ylabel(pick(lang, "staff-minutes after closing", "số phút làm sau giờ đóng cửa (cả cơ quan)"))
    a.set_title(pick(lang, "Overtime on each working day, all staff",
                     "Làm thêm giờ trong từng ngày làm việc, tất cả cán bộ"))
    a.set_ylim(bottom=0)
    _date_axis(a, lang)
    _errorbar_h(b, np.arange(len(st)), st, RED)
    b.set_yticks(np.arange(len(st)), [names[int(k)] for k in st["staff"]])
    b.set_xlabel(pick(lang, "overtime minutes over the run", "số phút làm thêm trong cả kỳ"))
    b.set_title(pick(lang, "Overtime per person, 95 % interval", "Làm thêm giờ của từng người, khoảng tin cậy 95 %"))
    b.invert_yaxis()
    fig.tight_layout()
    if lang == "vi":
        return fig, ("Số phút cán bộ làm sau giờ đóng cửa của buổi cuối để giải quyết hết cho người "
                     "đã lấy số, trung bình qua các lần mô phỏng, kèm khoảng tin cậy 95 %.")
    return fig, ("Minutes worked after the last session's close to finish serving ticket holders, "
                 "mean over replications with 95 % intervals.")


SENT_HOME_REASONS = [("sent_home_closing", ("still waiting at closing", "còn chờ khi hết giờ")),
                     ("sent_home_cap_or_hours", ("ticket cap / after ticket stop",
                                                 "hết số / sau giờ phát số")),
                     ("sent_home_incomplete", ("incomplete dossier", "hồ sơ chưa đủ")),
                     ("sent_home_lunch", ("left at lunch", "về lúc nghỉ trưa")),
                     ("sent_home_system_down", ("software system down", "phần mềm ngừng hoạt động"))]


def sent_home(res, lang="en"):
    """Citizens leaving unserved per working day: sent home by reason, gave up, balked, turned away."""
    _need(res, lang, "days", "calendar")
    d = _days(res)
    work = d[d["working"] > 0]
    n_work = work["day"].nunique()
    reasons = [(c, n[lang == "vi"]) for c, n in SENT_HOME_REASONS if c in d]
    gone = [("reneged", pick(lang, "gave up waiting (reneged)", "bỏ về vì chờ lâu")),
            ("balked", pick(lang, "left, queue too long (balked)", "thấy đông nên về"))]
    if "turned_away" in d:
        gone.append(("turned_away", pick(lang, "turned away (no counter for the domain)",
                                         "bị từ chối (không quầy nào nhận lĩnh vực)")))
    cols = reasons + gone
    # Per replication, the run's total divided by its working days: closed days have zero counts,
    # so this is the mean over working days, and the interval is across replications.
    tot = d.groupby("replication")[[c for c, _ in cols]].sum() / n_work
    rows = [(name, Interval(tot[c].to_numpy())) for c, name in cols]
    frame = pd.DataFrame({"mean": [iv.mean for _, iv in rows], "low": [iv.low for _, iv in rows],
                          "high": [iv.high for _, iv in rows]})
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw={"width_ratios": [1, 1.3]})
    colors = [BLUE] * len(reasons) + [ORANGE] * len(gone)
    err = np.nan_to_num(np.vstack([frame["mean"] - frame["low"], frame["high"] - frame["mean"]]))
    a.barh(range(len(rows)), frame["mean"], xerr=err, color=colors, capsize=3)
    a.set_yticks(range(len(rows)), [n for n, _ in rows])
    a.invert_yaxis()
    a.set_xlabel(pick(lang, "citizens per working day", "số người mỗi ngày làm việc"))
    a.set_title(pick(lang, "Leaving unserved, per working day, 95 % interval",
                     "Ra về chưa được giải quyết, mỗi ngày làm việc"))
    w = work.assign(t=lambda x: pd.to_datetime(x["date"]))
    by_date = w.groupby("t")[[c for c, _ in reasons]].mean()
    bottom = np.zeros(len(by_date))
    palette = plt.cm.tab10(np.arange(len(by_date.columns)))
    width = 0.8 if len(by_date) < 2 else 0.8 * np.min(np.diff(by_date.index.values)) / np.timedelta64(1, "D")
    for color, (c, name) in zip(palette, reasons):
        b.bar(by_date.index, by_date[c], bottom=bottom, color=color, label=name, width=width)
        bottom += by_date[c].to_numpy()
    b.set_ylabel(pick(lang, "sent home (mean over replications)", "số người được hẹn lại (trung bình)"))
    b.set_title(pick(lang, "Sent home on each working day, by reason",
                     "Được hẹn quay lại, theo ngày và lý do"))
    b.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _date_axis(b, lang)
    fig.tight_layout()
    return fig, pick(lang, "Sent-home citizens are told to come back another day (a citizen sent "
                           "home twice counts twice); those who gave up, balked or were turned away "
                           "left for good.",
                     "Người được hẹn lại phải quay lại vào hôm khác (một người bị hẹn hai lần được "
                     "tính hai lần); người bỏ về, thấy đông nên về hoặc bị từ chối thì không quay "
                     "lại.")


def systems(res, lang="en"):
    """Hours each software system was down or degraded over the run."""
    _need(res, lang, "systems", "layout_systems")
    s = res.table("systems").assign(down_h=lambda x: x["down"] / 60, degraded_h=lambda x: x["degraded"] / 60)
    down = by_group(s, "system", "down_h")
    degraded = by_group(s, "system", "degraded_h")
    outages = s.groupby("system")["outages"].mean()
    names = res.table("layout_systems")["name"].to_numpy()
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(down) + 1.4))
    y = np.arange(len(down))
    _errorbar_h(ax, y - 0.2, down, RED, pick(lang, "down", "ngừng hoạt động"), height=0.4)
    ax.barh(y + 0.2, degraded["mean"], height=0.4, color=ORANGE,
            label=pick(lang, "degraded (slower)", "chạy chậm"))
    ends = np.fmax(down["high"].fillna(down["mean"]).to_numpy(), degraded["mean"].to_numpy())
    for i, k in enumerate(down["system"]):
        ax.annotate(pick(lang, f"{outages[k]:.1f} outages", f"{number(outages[k], lang, 1)} lần sự cố"),
                    (ends[i], y[i]), textcoords="offset points", xytext=(4, -3), fontsize=7)
    ax.set_yticks(y, [labels.name(str(names[int(k)]), lang, True) for k in down["system"]])
    ax.invert_yaxis()
    ax.set_xlabel(pick(lang, "hours over the run (nights included)", "số giờ trong cả kỳ (kể cả ban đêm)"))
    ax.set_title(pick(lang, "Software downtime per system, mean over replications, 95 % interval",
                      "Thời gian phần mềm ngừng hoạt động, theo hệ thống"))
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return fig, pick(lang, "Hours in which each system was down (red, with 95 % interval) or "
                           "degraded (orange), counting outages of the systems it needs; the mean "
                           "number of outages is written next to each bar.",
                     "Số giờ mỗi hệ thống ngừng hoạt động (đỏ, kèm khoảng tin cậy 95 %) hoặc chạy "
                     "chậm (cam), tính cả sự cố của các hệ thống mà nó phụ thuộc; số lần sự cố "
                     "trung bình ghi cạnh mỗi thanh.")


def dossiers(res, lang="en"):
    """On-time rate by domain (recomputed from counts) and the back-office backlog over time."""
    _need(res, lang, "dossiers_by_procedure", "domains", "backlog", "calendar")
    p = res.table("dossiers_by_procedure")
    counts = p.groupby(["domain", "replication"], as_index=False)[["on_time", "completed",
                                                                   "open_overdue"]].sum()
    known = counts["completed"] + counts["open_overdue"]
    counts = counts[known > 0].assign(rate=lambda x: 100 * x["on_time"] / (x["completed"] + x["open_overdue"]))
    if counts.empty:
        raise Skip(pick(lang, "no dossier had a known outcome (none finished, none overdue)",
                        "chưa hồ sơ nào có kết quả (chưa xong, chưa quá hạn)"))
    rate = by_group(counts, "domain", "rate").sort_values("mean")
    names = res.table("domains")["name"].to_numpy()
    b = res.table("backlog")
    b["t"] = b["day"] + b["hour"] / 24
    backlog = by_group(b, "t", "backlog")
    fig, (l, r) = plt.subplots(1, 2, figsize=(11, 0.33 * len(rate) + 1.6))
    _errorbar_h(l, np.arange(len(rate)), rate, GREEN)
    l.set_yticks(np.arange(len(rate)), [labels.name(str(names[int(k)]), lang, True) for k in rate["domain"]])
    l.set_xlabel(pick(lang, "dossiers finished on time (%)", "hồ sơ giải quyết đúng hạn (%)"))
    l.set_xlim(max(0, rate["low"].min(skipna=True) - 5) if rate["low"].notna().any() else 0, 100.5)
    l.set_title(pick(lang, "On-time rate by domain, 95 % interval", "Tỷ lệ đúng hạn theo lĩnh vực"))
    _band(r, backlog["t"], backlog, BLUE, pick(lang, "backlog", "hồ sơ tồn"))
    cal = res.table("calendar")
    step = max(1, len(cal) // 8)
    r.set_xticks(cal["day"].to_numpy()[::step], [labels.date(x, lang) for x in cal["date"].to_numpy()[::step]],
                 rotation=30, ha="right")
    r.set_ylabel(pick(lang, "dossiers in the back office", "số hồ sơ đang chờ xử lý"))
    r.set_title(pick(lang, "Back-office backlog, hourly, 95 % band", "Hồ sơ tồn đọng theo từng giờ"))
    fig.tight_layout()
    return fig, pick(lang, "Left: on_time / (completed + open_overdue) per domain, computed from the "
                           "counts of each replication (dossiers not yet due at the end are left "
                           "out). Right: the number of dossiers waiting for or in back-office work, "
                           "hour by hour.",
                     "Bên trái: tỷ lệ hồ sơ đúng hạn trên số hồ sơ đã có kết quả (đã xong hoặc đã "
                     "quá hạn) theo lĩnh vực; hồ sơ chưa đến hạn khi hết kỳ không được tính. Bên "
                     "phải: số hồ sơ đang chờ hoặc đang được xử lý, theo từng giờ.")


# (file stem, section title, function); the order is the order on the page.
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
