"""Small motcua results files written by the tests themselves (h5py), in the layout of
docs/output-schema.md and docs/national.md, with numbers chosen so that the expected facts can be
worked out by hand (see CENTER_ROWS)."""
import math

import h5py
import numpy as np

T975_DF1 = 12.706204736  # Student t, 97.5 %, one degree of freedom (two replications)

DOMAINS = [("certification", "Certification (chứng thực)"), ("land", "Land (đất đai)")]
COUNTERS = [("1-certification", "certification", ""), ("2-land", "land", "certification")]
STAFF = [("Nguyễn Thị Lan", "1-certification"), ("Trần Văn Minh", "2-land")]
DATES = [("2025-09-08", 0), ("2025-09-09", 1)]  # Monday and Tuesday, both working days

# (replication, day, domain): arrived, served, reneged, balked, sent_home, returned, wait_mean.
# Land, by hand: unserved = reneged + balked + (sent_home - returned) over the run, over arrived:
#   replication 0: (3 + 2) + (2 - 1) = 6 of 20 = 0.30; replication 1: (5 + 1) + (2 - 1) = 7 of 20
#   = 0.35; mean 0.325. Its served-weighted wait: (6·30 + 7·20)/13 = 24.615… and
#   (4·40 + 8·25)/12 = 30, mean 27.31. Certification: 2 of 70 unserved in both, wait about 8.
CENTER_ROWS = {
    (0, 0, 0): (40, 38, 2, 0, 0, 0, 10.0), (0, 0, 1): (10, 6, 3, 0, 1, 0, 30.0),
    (0, 1, 0): (30, 30, 0, 0, 0, 0, 5.0), (0, 1, 1): (10, 7, 2, 0, 1, 1, 20.0),
    (1, 0, 0): (40, 39, 1, 0, 0, 0, 12.0), (1, 0, 1): (10, 4, 5, 0, 1, 0, 40.0),
    (1, 1, 0): (30, 29, 1, 0, 0, 0, 6.0), (1, 1, 1): (10, 8, 1, 0, 1, 1, 25.0),
}
COUNT_COLUMNS = ["arrived", "served", "reneged", "balked", "sent_home", "returned"]
UNITS = {"wait_mean": "min", "wait_p50": "min", "wait_p90": "min", "wait_p95": "min",
         "utilization": "1", "on_time_rate": "1", "service_level": "1", "unserved_share": "1",
         "system_down": "min"}


def _column(values):
    values = list(values)
    if values and isinstance(values[0], str):
        return np.array(values, dtype=h5py.string_dtype("utf-8"))
    return np.asarray(values, dtype=float)


def write_group(parent, name, columns):
    """One table: a group with one dataset per column (strings as variable-length UTF-8)."""
    g = parent.create_group(name)
    for column, values in columns.items():
        g.create_dataset(column, data=_column(values))
    return g


def summary_columns(replications, names):
    """/summary of the given /replications columns: mean, sd, Student-t interval, n."""
    rows = {"metric": [], "unit": [], "mean": [], "sd": [], "ci95_low": [], "ci95_high": [],
            "ci95_half_width": [], "n": []}
    for m in names:
        v = np.asarray(replications[m], dtype=float)
        v = v[~np.isnan(v)]
        n = v.size
        mean = float(v.mean()) if n else math.nan
        sd = float(v.std(ddof=1)) if n >= 2 else math.nan
        half = T975_DF1 * sd / math.sqrt(n) if n == 2 else math.nan
        for k, x in (("metric", m), ("unit", UNITS.get(m, "citizens")), ("mean", mean), ("sd", sd),
                     ("ci95_low", mean - half), ("ci95_high", mean + half),
                     ("ci95_half_width", half), ("n", n)):
            rows[k].append(x)
    return rows


def _run_tables(rows, reps, verdict_metrics):
    """Every table of one center-form run, built from the (replication, day, domain) rows."""
    days = {"replication": [], "day": [], "wait_mean": [], "wait_p50": [], "wait_p90": [],
            "wait_p95": [], "overtime": [], "sent_home_closing": [], "answered": []}
    for c in COUNT_COLUMNS:
        days[c] = []
    by_domain = {"replication": [], "day": [], "domain": [], "wait_mean": []}
    for c in COUNT_COLUMNS:
        by_domain[c] = []
    for r in range(reps):
        for d in range(len(DATES)):
            total = np.zeros(6)
            wait_total = 0.0
            for k in range(len(DOMAINS)):
                values = rows[(r, d, k)]
                for c, x in zip(COUNT_COLUMNS, values):
                    by_domain[c].append(x)
                by_domain["replication"].append(r)
                by_domain["day"].append(d)
                by_domain["domain"].append(k)
                by_domain["wait_mean"].append(values[6])
                total += np.asarray(values[:6], dtype=float)
                wait_total += values[1] * values[6]
            for c, x in zip(COUNT_COLUMNS, total):
                days[c].append(x)
            wait = wait_total / total[1]
            days["replication"].append(r)
            days["day"].append(d)
            days["wait_mean"].append(wait)
            days["wait_p50"].append(0.8 * wait)
            days["wait_p90"].append(2.0 * wait)
            days["wait_p95"].append(2.5 * wait)
            days["overtime"].append(10.0 * (d + 1))
            days["sent_home_closing"].append(total[4])
            days["answered"].append(0.0)
    reps_table = {"replication": list(range(reps))}
    for c in COUNT_COLUMNS:
        reps_table[c] = [sum(x for x, rr in zip(days[c], days["replication"]) if rr == r)
                         for r in range(reps)]
    reps_table["wait_mean"] = []
    for r in range(reps):
        pairs = [(s, w) for s, w, rr in zip(days["served"], days["wait_mean"], days["replication"])
                 if rr == r]
        reps_table["wait_mean"].append(sum(s * w for s, w in pairs) / sum(s for s, _ in pairs))
    for q, k in (("wait_p50", 0.8), ("wait_p90", 2.0), ("wait_p95", 2.5)):
        reps_table[q] = [k * w for w in reps_table["wait_mean"]]
    reps_table["utilization"] = [0.5 + 0.1 * r for r in range(reps)]
    reps_table["on_time_rate"] = [0.9 + 0.02 * r for r in range(reps)]
    reps_table["dossiers_received"] = [50.0 + r for r in range(reps)]
    reps_table["dossiers_open_not_due"] = [5.0] * reps
    if verdict_metrics:
        arrived = np.asarray(reps_table["arrived"])
        unserved = (np.asarray(reps_table["reneged"]) + np.asarray(reps_table["balked"])
                    + np.asarray(reps_table["sent_home"]) - np.asarray(reps_table["returned"]))
        reps_table["unserved_share"] = list(unserved / arrived)
        reps_table["service_level"] = [0.8 - 0.05 * r for r in range(reps)]
        reps_table["helped"] = list(reps_table["served"])
        reps_table["turned_away"] = [0.0] * reps
    timeseries = {"replication": [], "day": [], "bin_start": [], "tickets_waiting": [],
                  "citizens_present": []}
    for r in range(reps):
        for d in range(len(DATES)):
            for b in range(450, 1020, 15):  # 07:30 to 17:00
                timeseries["replication"].append(r)
                timeseries["day"].append(d)
                timeseries["bin_start"].append(b)
                # The longest queue is in the 09:00 bin on every day.
                timeseries["tickets_waiting"].append(8.0 + r if b == 540 else 2.0)
                timeseries["citizens_present"].append(5.0)
    # Counter 0 serves 60 % of its open time and does 10 % back office (idle 30 %); counter 1
    # serves 20 % and does 20 % back office (idle 60 %): the most idle is 2-land.
    counters = {"replication": [], "counter": [], "open": [], "busy": [], "back_office": [],
                "utilization": []}
    staff = {"replication": [], "staff": [], "present": [], "busy": [], "back_office": [],
             "overtime": [], "utilization": []}
    for r in range(reps):
        for k, (busy, office) in enumerate(((0.6, 0.1), (0.2, 0.2))):
            for table, key in ((counters, "counter"), (staff, "staff")):
                table["replication"].append(r)
                table[key].append(k)
                table["busy"].append(busy * 900)
                table["back_office"].append(office * 900)
                table["utilization"].append(busy)
            counters["open"].append(900.0)
            staff["present"].append(900.0)
            staff["overtime"].append(15.0 * k)
    dossiers = {"replication": [], "procedure": [], "domain": [], "on_time": [], "completed": [],
                "open_overdue": [], "late": []}
    for r in range(reps):
        for k in range(len(DOMAINS)):
            for c, x in (("replication", r), ("procedure", k), ("domain", k), ("on_time", 9 - k),
                         ("completed", 10), ("open_overdue", 0), ("late", 1 + k)):
                dossiers[c].append(x)
    backlog = {"replication": [], "day": [], "hour": [], "backlog": []}
    for r in range(reps):
        for d in range(len(DATES)):
            for h in range(24):
                for c, x in (("replication", r), ("day", d), ("hour", h), ("backlog", 3.0 + h % 5)):
                    backlog[c].append(x)
    return {
        "replications": reps_table,
        "summary": summary_columns(reps_table, [m for m in reps_table if m != "replication"]),
        "days": days, "days_by_domain": by_domain, "timeseries": timeseries,
        "calendar": {"day": [0, 1], "date": [d for d, _ in DATES], "weekday": [w for _, w in DATES],
                     "working": [1, 1], "surge": [0, 0], "holiday": [0, 0]},
        "counters": counters, "staff": staff,
        "layout_counters": {"id": [c for c, _, _ in COUNTERS], "domains": [d for _, d, _ in COUNTERS],
                            "overflow": [o for _, _, o in COUNTERS]},
        "layout_staff": {"name": [n for n, _ in STAFF], "counter": [c for _, c in STAFF]},
        "domains": {"id": [i for i, _ in DOMAINS], "name": [n for _, n in DOMAINS]},
        "procedures": {"id": ["p0", "p1"], "domain": [0, 1]},
        "dossiers_by_procedure": dossiers, "backlog": backlog,
        "systems": {"replication": [], "system": [], "down": [], "degraded": [], "outages": []},
        "layout_systems": {"id": [], "name": []},
    }


ROOT_ATTRS = {"program_version": "motcua 0.1.0", "schema_version": 4, "seed": 2025,
              "scenario_path": "ward.toml", "overlays": "", "scenario_text": "# a ward\n"}


def _attrs(target, attrs):
    for k, v in attrs.items():
        target.attrs[k] = v


def center_file(path, name="Phường Thử nghiệm", reps=2, rows=None, verdict_metrics=True):
    """A single-run center-form file: two working days, two domains, two counters."""
    rows = CENTER_ROWS if rows is None else rows
    with h5py.File(path, "w") as f:
        _attrs(f, {**ROOT_ATTRS, "scenario_name": name, "replications": reps})
        for table, columns in _run_tables(rows, reps, verdict_metrics).items():
            write_group(f, table, columns)
    return path


def comparison_rows(rows, shares=True):
    """/comparison columns from [(variant, metric, better, base, diff, low, high, better_share,
    equal_share, worse_share)]; shares=False writes the older layout with win_share only."""
    out = {c: [] for c in ("variant", "metric", "better", "base_mean", "variant_mean", "diff_mean",
                           "diff_low", "diff_high", "unpaired_low", "unpaired_high", "width_ratio",
                           "win_share")}
    if shares:
        for c in ("better_share", "equal_share", "worse_share"):
            out[c] = []
    for variant, metric, better, base, diff, low, high, b, e, w in rows:
        for c, x in (("variant", variant), ("metric", metric), ("better", better),
                     ("base_mean", base), ("variant_mean", base + diff), ("diff_mean", diff),
                     ("diff_low", low), ("diff_high", high), ("unpaired_low", 2 * low - diff),
                     ("unpaired_high", 2 * high - diff), ("width_ratio", 0.5), ("win_share", b)):
            out[c].append(x)
        if shares:
            out["better_share"].append(b)
            out["equal_share"].append(e)
            out["worse_share"].append(w)
    return out


def compare_file(path, comparison, variants=("base", "fewer"), shares=True, verdicts=None):
    """A `motcua compare` file: each variant the center file's tables under /variant/<name>/."""
    with h5py.File(path, "w") as f:
        _attrs(f, {**ROOT_ATTRS, "scenario_name": "Phường Thử nghiệm", "replications": 2,
                   "variants": len(variants), "experiment": "compare"})
        write_group(f, "variants", {"name": list(variants),
                                    "overlays": [""] + [f"{v}.toml" for v in variants[1:]]})
        for v in variants:
            g = f.create_group(f"variant/{v}")
            for table, columns in _run_tables(CENTER_ROWS, 2, True).items():
                write_group(g, table, columns)
        write_group(f, "comparison", comparison_rows(comparison, shares))
        if verdicts is not None:
            write_group(f, "verdicts", verdicts)
    return path


# A national file: three centers in two provinces, two replications. Center 2 (Xã Ba) has the
# lowest on-time rate (0.70, 0.72) and center 0 (Phường Một) the longest wait (40, 44 minutes).
CENTERS = [("00001", "Phường Một", "01", "urban"), ("00002", "Xã Hai", "01", "rural"),
           ("00003", "Xã Ba", "02", "rural")]
CENTER_VALUES = {  # (replication, center): wait_mean, on_time_rate, unserved_share
    (0, 0): (40.0, 0.95, 0.10), (0, 1): (10.0, 0.90, 0.02), (0, 2): (20.0, 0.70, 0.05),
    (1, 0): (44.0, 0.93, 0.12), (1, 1): (12.0, 0.92, 0.03), (1, 2): (22.0, 0.72, 0.06),
}


def national_file(path, reps=2, verdict_metrics=True):
    with h5py.File(path, "w") as f:
        _attrs(f, {**ROOT_ATTRS, "scenario_name": "Toàn quốc thử", "replications": reps,
                   "national": len(CENTERS),
                   "resolved_scenario": "[run]\ndays = 3\nstart_date = 2025-07-01\n"})
        write_group(f, "centers", {"code": [c for c, *_ in CENTERS], "name": [n for _, n, *_ in CENTERS],
                                   "province": [p for _, _, p, _ in CENTERS],
                                   "class": [k for *_, k in CENTERS]})
        write_group(f, "provinces", {"code": ["01", "02"], "name": ["Hà Nội", "Điện Biên"]})
        cr = {c: [] for c in ("replication", "center", "population", "daily_visits", "arrived",
                              "served", "dossiers_received", "dossiers_online", "wait_mean",
                              "abandon_rate", "on_time_rate")}
        if verdict_metrics:
            cr["unserved_share"], cr["service_level"] = [], []
        for r in range(reps):
            for k in range(len(CENTERS)):
                wait, on_time, unserved = CENTER_VALUES[(r, k)]
                for c, x in (("replication", r), ("center", k), ("population", 10000.0),
                             ("daily_visits", 50.0), ("arrived", 150.0), ("served", 140.0),
                             ("dossiers_received", 100.0), ("dossiers_online", 20.0),
                             ("wait_mean", wait), ("abandon_rate", 0.04), ("on_time_rate", on_time)):
                    cr[c].append(x)
                if verdict_metrics:
                    cr["unserved_share"].append(unserved)
                    cr["service_level"].append(0.9 - unserved)
        write_group(f, "center_results", cr)
        pr = {c: [] for c in ("replication", "province", "arrived", "served", "dossiers_received",
                              "dossiers_online", "wait_mean", "abandon_rate", "on_time_rate")}
        for r in range(reps):
            for p, members in ((0, (0, 1)), (1, (2,))):
                waits = [CENTER_VALUES[(r, k)][0] for k in members]
                rates = [CENTER_VALUES[(r, k)][1] for k in members]
                for c, x in (("replication", r), ("province", p), ("arrived", 150.0 * len(members)),
                             ("served", 140.0 * len(members)),
                             ("dossiers_received", 100.0 * len(members)),
                             ("dossiers_online", 20.0 * len(members)),
                             ("wait_mean", float(np.mean(waits))), ("abandon_rate", 0.04),
                             ("on_time_rate", float(np.mean(rates)))):
                    pr[c].append(x)
        write_group(f, "province_results", pr)
        nat = {"replication": list(range(reps)), "arrived": [450.0] * reps, "served": [420.0] * reps,
               "dossiers_received": [300.0 + r for r in range(reps)],
               "dossiers_online": [60.0] * reps, "wait_mean": [23.0 + r for r in range(reps)],
               "abandon_rate": [0.04] * reps, "on_time_rate": [0.86 + 0.01 * r for r in range(reps)]}
        if verdict_metrics:
            nat["unserved_share"] = [0.06 + 0.01 * r for r in range(reps)]
            nat["service_level"] = [0.82 - 0.01 * r for r in range(reps)]
        write_group(f, "national_results", nat)
        g = write_group(f, "national_summary",
                        summary_columns(nat, [m for m in nat if m != "replication"]))
        if reps < 2:
            g.attrs["interval"] = "none: one replication; an interval needs at least two"
    return path


def write_optimize_file(path):
    """A motcua optimize file (docs/output-schema.md, "motcua optimize"): two layouts of one
    variable, the second recommended."""
    with h5py.File(path, "w") as f:
        f.attrs["program_version"] = "motcua test"
        f.attrs["scenario_name"] = "Test ward"
        f.attrs["experiment"] = "optimize"
        f.attrs["seed"] = 1
        f.attrs["replications_run"] = 40
        write_group(f, "variables", {"name": ["counters"], "kind": ["key"],
                                     "what": ["station.counters"], "min": ["3"], "max": ["6"],
                                     "cost": ["9"], "today": ["3"]})
        write_group(f, "candidates", {
            "name": ["L1", "L0"], "layout": ["counters=4", "counters=3"], "cost": [36.0, 27.0],
            "rank": [1.0, 0.0], "status": ["recommended", "infeasible"], "checks": ["", ""],
            "search_replications": [10.0, 10.0], "final_replications": [10.0, 10.0],
            "selection_replications": [0.0, 0.0], "shortfall": [0.0, 3.0],
            "service_level_mean": [0.93, 0.8], "service_level_low": [0.92, 0.78],
            "service_level_high": [0.94, 0.82]})
        write_group(f, "recommendation", {
            "outcome": ["recommended"], "name": ["L1"], "layout": ["counters=4"],
            "today": ["counters=3"], "cost": ["36"], "cost_change": ["9"],
            "cost_unit": ["million VND a month"], "indifference": ["no"],
            "advice_vi": ["So với hiện nay, thay đổi: counters 3 → 4; chi phí 36 triệu đồng/tháng."],
            "advice_en": ["Change from today's layout: counters 3 → 4; cost 36."],
            "guarantee": ["With probability at least 0.95 ..."],
            "guarantee_vi": ["Với xác suất ít nhất 95 % ..."], "scenario_file": ["out.toml"]})


def write_province_file(path):
    """A province-scale motcua optimize file: two units, the second gets the one officer."""
    with h5py.File(path, "w") as f:
        f.attrs["program_version"] = "motcua test"
        f.attrs["scenario_name"] = "Test province"
        f.attrs["experiment"] = "optimize_province"
        f.attrs["seed"] = 1
        write_group(f, "allocation", {
            "code": ["00001", "00002"], "name": ["xã A", "phường B"], "province": ["P", "P"],
            "officers": [0.0, 1.0], "helped": [100.0, 210.0], "helped_without": [100.0, 200.0],
            "gain": [0.0, 10.0], "gain_low": [0.0, 4.0], "gain_high": [0.0, 16.0],
            "last_gain": [math.nan, 10.0], "next_gain": [2.0, 3.0]})
        write_group(f, "recommendation", {
            "outcome": ["allocation"], "assigned": ["1 of 1"], "total_gain": ["10 [4, 16]"],
            "advice_vi": ["Điều 1 cán bộ biệt phái về: phường B (1)."],
            "advice_en": ["Send 1 seconded officers to: phường B (1)."]})
