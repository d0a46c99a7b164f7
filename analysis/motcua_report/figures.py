"""The report's plots: one function per plot, each returning a Figure or raising Skip(reason)."""
import matplotlib

matplotlib.use("Agg")  # the report runs on servers and in CI: never look for a display
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from .intervals import Interval, by_group  # noqa: E402
from .summary_text import WEEKDAY_EN, clock, en_name  # noqa: E402

BLUE, ORANGE, GREY, GREEN, RED = "#3b7dd8", "#d8843b", "#9aa3ad", "#4c9a5a", "#c8423b"
plt.rcParams.update({"figure.dpi": 100, "font.size": 9, "axes.spines.top": False,
                     "axes.spines.right": False, "axes.titlesize": 10})


class Skip(Exception):
    """This plot cannot be drawn from this file; the message says why (shown on the page)."""


# Why a table that exists can be empty: the scenario does not model that part of the center.
EMPTY_REASON = {"systems": "the scenario models no software systems",
                "layout_systems": "the scenario models no software systems"}


def _need(res, *tables):
    for t in tables:
        if t not in res.table_names():
            raise Skip(f"the file has no /{t} table (station-form scenarios and older files do not "
                       "write it)")
        if not res.has(t):
            raise Skip(EMPTY_REASON.get(t, f"the file's /{t} table is empty"))


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


def _date_axis(ax):
    """Readable dates: day and month, fewer ticks on long runs."""
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=9))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%a %d %b"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_ha("right")


def _days(res):
    """/days with the calendar's weekday, working flag and date."""
    cal = res.table("calendar")
    return res.table("days").merge(cal[["day", "date", "weekday", "working", "surge"]], on="day")


def queue_through_day(res):
    """Tickets waiting by clock time, one line per weekday, mean over days and replications."""
    _need(res, "timeseries", "calendar")
    cal = res.working_days()
    ts = res.table("timeseries").merge(cal[["day", "weekday"]], on="day")  # working days only
    if ts.empty:
        raise Skip("the run has no working day")
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
        _band(ax, (prof["bin_start"] + 7.5) / 60, prof, color, f"{WEEKDAY_EN[int(wd)]} ({n_days} day{'s' if n_days > 1 else ''})")
    ticks = np.arange(np.ceil(lo / 60), np.floor(hi / 60) + 1)
    ax.set_xticks(ticks, [clock(60 * t) for t in ticks])
    ax.set_xlabel("clock time (15-minute bins)")
    ax.set_ylabel("tickets waiting (all domains)")
    ax.set_title("Queue through the day, mean over days and replications, 95 % band")
    ax.legend(frameon=False, ncol=2)
    fig.tight_layout()
    return fig, ("Average number of tickets waiting in all domain queues together, by clock time "
                 "and weekday (working days only). The file records the queue of all domains "
                 "together, not per domain: the next plots show waits per domain.")


def wait_distribution(res):
    """Wait percentiles of a replication (from /summary) and the daily p50/p90 through the run."""
    s = res.summary()
    names = [m for m in ("wait_mean", "wait_p50", "wait_p90", "wait_p95") if m in s.index]
    if not names:
        raise Skip("the file's /summary has no wait metrics")
    center = res.has("days") and res.has("calendar")
    fig, axes = plt.subplots(1, 2 if center else 1, figsize=(10, 3.8), squeeze=False)
    left = axes[0][0]
    rows = s.loc[names]
    err = np.nan_to_num(rows["ci95_half_width"].to_numpy(dtype=float), nan=0.0)
    left.bar(range(len(names)), rows["mean"], yerr=err, color=[ORANGE, BLUE, BLUE, BLUE][:len(names)],
             capsize=5)
    labels = {"wait_mean": "mean", "wait_p50": "median", "wait_p90": "90th pct", "wait_p95": "95th pct"}
    left.set_xticks(range(len(names)), [labels[n] for n in names])
    left.set_ylabel("wait from ticket to call (min)")
    left.set_title("Waits of served citizens, one run: mean over replications")
    for i, v in enumerate(rows["mean"]):
        left.annotate(f"{v:.1f}", (i, v), textcoords="offset points", xytext=(8, 2), fontsize=8)
    if center:
        right = axes[0][1]
        d = _days(res)
        d = d[(d["working"] > 0) & (d["served"] > 0)]
        d["t"] = pd.to_datetime(d["date"])
        for col, color, name in (("wait_p90", RED, "90th percentile"), ("wait_p50", BLUE, "median"),
                                 ("wait_mean", ORANGE, "mean")):
            prof = by_group(d, "t", col)
            _band(right, prof["t"], prof, color, name)
        right.set_ylabel("wait (min)")
        right.set_title("Each working day: mean over replications, 95 % band")
        right.legend(frameon=False)
        right.set_ylim(bottom=0)
        _date_axis(right)
    fig.tight_layout()
    return fig, ("Left: the mean and percentiles of the waits of the citizens served in one run "
                 "(a replication), averaged over replications, with 95 % intervals. Right: the same "
                 "per working day. Only percentiles are stored, not each citizen's wait.")


def wait_by_domain(res):
    """Mean wait per domain over the whole run (served-weighted over its days)."""
    _need(res, "days_by_domain", "domains")
    d = res.table("days_by_domain")
    d = d[d["served"] > 0].assign(total=lambda x: x["wait_mean"] * x["served"])
    per = d.groupby(["domain", "replication"], as_index=False)[["total", "served"]].sum()
    per["wait"] = per["total"] / per["served"]
    frame = by_group(per, "domain", "wait").sort_values("mean")
    served = per.groupby("domain")["served"].mean()
    names = res.table("domains")["name"].to_numpy()
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(frame) + 1.2))
    _errorbar_h(ax, range(len(frame)), frame, BLUE)
    ax.set_yticks(range(len(frame)),
                  [f"{en_name(names[int(k)])} ({served[k]:.0f} served)" for k in frame["domain"]])
    ax.set_xlabel("mean wait of served citizens (min)")
    ax.set_title("Waiting time by domain, whole run, 95 % interval")
    fig.tight_layout()
    return fig, ("Mean wait per domain of the citizen's procedure, over all days of the run; the "
                 "number of citizens served per run is in brackets.")


def utilisation(res):
    """Counters (serving / back office / idle) and staff utilisation, whole run."""
    _need(res, "counters", "layout_counters", "staff", "layout_staff")
    c = res.table("counters")
    c = c[c["open"] > 0].copy()
    for col in ("busy", "back_office"):
        c[col + "_share"] = c[col] / c["open"]
    serve = by_group(c, "counter", "busy_share")
    office = by_group(c, "counter", "back_office_share")
    ids = res.table("layout_counters")["id"].to_numpy()
    st = res.table("staff")
    st = st[st["present"] > 0]
    staff = by_group(st, "staff", "utilization")
    names = res.table("layout_staff")["name"].to_numpy()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 0.4 * max(len(serve), len(staff)) + 2.0))
    y = np.arange(len(serve))
    _errorbar_h(a, y, serve, BLUE, "serving citizens")
    a.barh(y, office["mean"], left=serve["mean"], color=GREEN, label="back-office work")
    a.barh(y, 1 - serve["mean"] - office["mean"], left=serve["mean"] + office["mean"], color=GREY,
           alpha=0.4, label="idle")
    a.set_yticks(y, [ids[int(k)] for k in serve["counter"]])
    a.set_xlim(0, 1)
    a.set_xlabel("share of the counter's open time")
    a.set_title("Counters: how open time is spent")
    a.legend(frameon=False, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3)
    a.invert_yaxis()
    _errorbar_h(b, np.arange(len(staff)), staff, ORANGE)
    b.set_yticks(np.arange(len(staff)), [names[int(k)] for k in staff["staff"]])
    b.set_xlim(0, 1)
    b.set_xlabel("busy / present (serving citizens)")
    b.set_title("Staff utilisation, 95 % interval")
    b.invert_yaxis()
    fig.tight_layout()
    return fig, ("Left: for each counter, the share of its open minutes spent serving citizens "
                 "(with the 95 % interval), on back-office work, and idle. Right: for each civil "
                 "servant who sat at an open counter, the share of that time spent serving.")


def overtime(res):
    """Overtime minutes per working day and per staff member."""
    _need(res, "days", "calendar", "staff", "layout_staff")
    d = _days(res)
    d = d[d["working"] > 0].assign(t=lambda x: pd.to_datetime(x["date"]))
    per_day = by_group(d, "t", "overtime")
    st = by_group(res.table("staff"), "staff", "overtime")
    names = res.table("layout_staff")["name"].to_numpy()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 3.8), gridspec_kw={"width_ratios": [1.4, 1]})
    _band(a, per_day["t"], per_day, RED, "overtime")
    a.scatter(per_day["t"], per_day["mean"], color=RED, s=10)
    a.set_ylabel("staff-minutes after closing")
    a.set_title("Overtime on each working day, all staff")
    a.set_ylim(bottom=0)
    _date_axis(a)
    _errorbar_h(b, np.arange(len(st)), st, RED)
    b.set_yticks(np.arange(len(st)), [names[int(k)] for k in st["staff"]])
    b.set_xlabel("overtime minutes over the run")
    b.set_title("Overtime per person, 95 % interval")
    b.invert_yaxis()
    fig.tight_layout()
    return fig, ("Minutes worked after the last session's close to finish serving ticket holders, "
                 "mean over replications with 95 % intervals.")


SENT_HOME_REASONS = [("sent_home_closing", "still waiting at closing"),
                     ("sent_home_cap_or_hours", "ticket cap / after ticket stop"),
                     ("sent_home_incomplete", "incomplete dossier"),
                     ("sent_home_lunch", "left at lunch"),
                     ("sent_home_system_down", "software system down")]


def sent_home(res):
    """Citizens leaving unserved per working day: sent home by reason, gave up, balked."""
    _need(res, "days", "calendar")
    d = _days(res)
    work = d[d["working"] > 0]
    n_work = work["day"].nunique()
    cols = [(c, n) for c, n in SENT_HOME_REASONS if c in d] + [("reneged", "gave up waiting (reneged)"),
                                                            ("balked", "left, queue too long (balked)")]
    # Per replication, the run's total divided by its working days: closed days have zero counts,
    # so this is the mean over working days, and the interval is across replications.
    tot = d.groupby("replication")[[c for c, _ in cols]].sum() / n_work
    rows = [(name, Interval(tot[c].to_numpy())) for c, name in cols]
    frame = pd.DataFrame({"mean": [iv.mean for _, iv in rows], "low": [iv.low for _, iv in rows],
                          "high": [iv.high for _, iv in rows]})
    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 3.8), gridspec_kw={"width_ratios": [1, 1.3]})
    colors = [BLUE] * (len(cols) - 2) + [ORANGE, ORANGE]
    err = np.nan_to_num(np.vstack([frame["mean"] - frame["low"], frame["high"] - frame["mean"]]))
    a.barh(range(len(rows)), frame["mean"], xerr=err, color=colors, capsize=3)
    a.set_yticks(range(len(rows)), [n for n, _ in rows])
    a.invert_yaxis()
    a.set_xlabel("citizens per working day")
    a.set_title("Leaving unserved, per working day, 95 % interval")
    w = work.assign(t=lambda x: pd.to_datetime(x["date"]))
    by_date = w.groupby("t")[[c for c, _ in SENT_HOME_REASONS if c in w]].mean()
    bottom = np.zeros(len(by_date))
    palette = plt.cm.tab10(np.arange(len(by_date.columns)))
    width = 0.8 if len(by_date) < 2 else 0.8 * np.min(np.diff(by_date.index.values)) / np.timedelta64(1, "D")
    for color, (c, name) in zip(palette, [(c, n) for c, n in SENT_HOME_REASONS if c in w]):
        b.bar(by_date.index, by_date[c], bottom=bottom, color=color, label=name, width=width)
        bottom += by_date[c].to_numpy()
    b.set_ylabel("sent home (mean over replications)")
    b.set_title("Sent home on each working day, by reason")
    b.legend(frameon=False, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _date_axis(b)
    fig.tight_layout()
    return fig, ("Sent-home citizens are told to come back another day (a citizen sent home twice "
                 "counts twice); those who gave up or balked left for good.")


def systems(res):
    """Hours each software system was down or degraded over the run."""
    _need(res, "systems", "layout_systems")
    s = res.table("systems").assign(down_h=lambda x: x["down"] / 60, degraded_h=lambda x: x["degraded"] / 60)
    down = by_group(s, "system", "down_h")
    degraded = by_group(s, "system", "degraded_h")
    outages = s.groupby("system")["outages"].mean()
    names = res.table("layout_systems")["name"].to_numpy()
    fig, ax = plt.subplots(figsize=(10, 0.42 * len(down) + 1.4))
    y = np.arange(len(down))
    _errorbar_h(ax, y - 0.2, down, RED, "down", height=0.4)
    ax.barh(y + 0.2, degraded["mean"], height=0.4, color=ORANGE, label="degraded (slower)")
    ends = np.fmax(down["high"].fillna(down["mean"]).to_numpy(), degraded["mean"].to_numpy())
    for i, k in enumerate(down["system"]):
        ax.annotate(f"{outages[k]:.1f} outages", (ends[i], y[i]), textcoords="offset points",
                    xytext=(4, -3), fontsize=7)
    ax.set_yticks(y, [en_name(names[int(k)]) for k in down["system"]])
    ax.invert_yaxis()
    ax.set_xlabel("hours over the run (nights included)")
    ax.set_title("Software downtime per system, mean over replications, 95 % interval")
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return fig, ("Hours in which each system was down (red, with 95 % interval) or degraded "
                 "(orange), counting outages of the systems it needs; the mean number of outages is "
                 "written next to each bar.")


def dossiers(res):
    """On-time rate by domain (recomputed from counts) and the back-office backlog over time."""
    _need(res, "dossiers_by_procedure", "domains", "backlog", "calendar")
    p = res.table("dossiers_by_procedure")
    counts = p.groupby(["domain", "replication"], as_index=False)[["on_time", "completed",
                                                                   "open_overdue"]].sum()
    known = counts["completed"] + counts["open_overdue"]
    counts = counts[known > 0].assign(rate=lambda x: 100 * x["on_time"] / (x["completed"] + x["open_overdue"]))
    if counts.empty:
        raise Skip("no dossier had a known outcome (none finished, none overdue)")
    rate = by_group(counts, "domain", "rate").sort_values("mean")
    names = res.table("domains")["name"].to_numpy()
    b = res.table("backlog")
    b["t"] = b["day"] + b["hour"] / 24
    backlog = by_group(b, "t", "backlog")
    fig, (l, r) = plt.subplots(1, 2, figsize=(11, 0.33 * len(rate) + 1.6))
    _errorbar_h(l, np.arange(len(rate)), rate, GREEN)
    l.set_yticks(np.arange(len(rate)), [en_name(names[int(k)]) for k in rate["domain"]])
    l.set_xlabel("dossiers finished on time (%)")
    l.set_xlim(max(0, rate["low"].min(skipna=True) - 5) if rate["low"].notna().any() else 0, 100.5)
    l.set_title("On-time rate by domain, 95 % interval")
    _band(r, backlog["t"], backlog, BLUE, "backlog")
    cal = res.table("calendar")
    step = max(1, len(cal) // 8)
    r.set_xticks(cal["day"].to_numpy()[::step], cal["date"].to_numpy()[::step], rotation=30, ha="right")
    r.set_ylabel("dossiers in the back office")
    r.set_title("Back-office backlog, hourly, 95 % band")
    fig.tight_layout()
    return fig, ("Left: on_time / (completed + open_overdue) per domain, computed from the counts "
                 "of each replication (dossiers not yet due at the end are left out). Right: the "
                 "number of dossiers waiting for or in back-office work, hour by hour.")


# (file stem, section title, function); the order is the order on the page.
MAIN_PLOTS = [
    ("queue_through_day", "Queue through the day", queue_through_day),
    ("wait_distribution", "Waiting time", wait_distribution),
    ("wait_by_domain", "Waiting time by domain", wait_by_domain),
    ("utilisation", "Counter and staff utilisation", utilisation),
    ("overtime", "Overtime", overtime),
    ("sent_home", "Citizens leaving unserved", sent_home),
    ("systems", "Software downtime", systems),
    ("dossiers", "Dossiers on time and back-office backlog", dossiers),
]
