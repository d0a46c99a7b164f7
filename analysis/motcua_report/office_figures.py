"""The report's plots of staff, software and the back office (see figures.py for the others)."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from . import facts, labels  # noqa: E402
from .intervals import Interval, by_group  # noqa: E402
from .labels import pick  # noqa: E402
from .plotting import (BLUE, GREEN, GREY, ORANGE, RED, Skip, _band, _date_axis,  # noqa: E402
                       _days, _errorbar_h, _need)
from .summary_text import number  # noqa: E402


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
