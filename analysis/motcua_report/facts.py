"""The numbers behind the plain-language summary, each computed from one table of the file."""
import math

from .intervals import Interval

WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _summary_interval(res, metric):
    s = res.summary()
    if metric not in s.index or int(s.loc[metric, "n"]) == 0:
        return None
    return Interval.from_summary(s.loc[metric])


def _days_with_calendar(res):
    """/days joined with /calendar (weekday, working, surge, date), or None."""
    days, cal = res.table("days"), res.table("calendar")
    if days is None or cal is None or days.empty:
        return None
    return days.merge(cal[["day", "date", "weekday", "working", "surge", "holiday"]], on="day")


def run_facts(res):
    """Run description: replications, dates, working days."""
    out = {"name": res.attr("scenario_name", "?"), "replications": res.n_replications()}
    work = res.working_days()
    cal = res.table("calendar")
    if work is not None and cal is not None and not cal.empty:
        out.update(days=int(cal.shape[0]), working_days=int(work.shape[0]),
                   first=str(cal["date"].iloc[0]), last=str(cal["date"].iloc[-1]))
    return out


def wait_facts(res):
    """Mean wait and the 90th/95th percentiles of a replication, from /summary."""
    return {k: _summary_interval(res, k) for k in ("wait_mean", "wait_p90", "wait_p95", "utilization",
                                                   "abandon_prob", "window")}


def worst_weekday(res):
    """The ordinary (not surge) weekday with the longest mean wait, and that wait.

    Per replication, a weekday's mean wait is the served-weighted mean of its days' wait_mean,
    i.e. the mean over every citizen served on that weekday; the interval is across replications.
    """
    d = _days_with_calendar(res)
    if d is None:
        return None
    d = d[(d["working"] > 0) & (d["surge"] == 0) & (d["served"] > 0)].copy()
    if d.empty:
        return None
    d["wait_total"] = d["wait_mean"] * d["served"]
    per = d.groupby(["weekday", "replication"])[["wait_total", "served"]].sum()
    per["wait"] = per["wait_total"] / per["served"]
    best = None
    for wd, g in per.groupby(level="weekday"):
        iv = Interval(g["wait"].to_numpy())
        if best is None or iv.mean > best[1].mean:
            best = (int(wd), iv)
    n_kinds = per.index.get_level_values("weekday").nunique()
    return {"weekday": best[0], "wait": best[1], "weekday_kinds": int(n_kinds)}


def queue_peak(res):
    """Clock time at which the average queue (working days) is longest, and its length."""
    ts, work = res.table("timeseries"), res.working_days()
    if ts is None or work is None or ts.empty:
        return None
    ts = ts[ts["day"].isin(work["day"])]
    per = ts.groupby(["bin_start", "replication"])["tickets_waiting"].mean()
    profile = per.groupby(level="bin_start").mean()
    if profile.empty or profile.max() <= 0:
        return None
    peak = float(profile.idxmax())
    return {"bin_start": peak, "tickets": Interval(per.xs(peak, level="bin_start").to_numpy())}


def counter_facts(res):
    """The most idle counter (neither serving nor doing back-office work) and the busiest one."""
    c, lab = res.table("counters"), res.table("layout_counters")
    if c is None or lab is None or c.empty:
        return None
    c = c[c["open"] > 0].copy()
    c["idle"] = (c["open"] - c["busy"] - c["back_office"]) / c["open"]
    c["serving"] = c["busy"] / c["open"]
    idle = {int(k): Interval(g["idle"].to_numpy()) for k, g in c.groupby("counter")}
    serving = {int(k): Interval(g["serving"].to_numpy()) for k, g in c.groupby("counter")}
    if not idle:
        return None
    most_idle = max(idle, key=lambda k: idle[k].mean)
    busiest = max(serving, key=lambda k: serving[k].mean)
    ids = lab["id"].to_numpy()
    return {"idle_id": str(ids[most_idle]), "idle": idle[most_idle],
            "busy_id": str(ids[busiest]), "busy": serving[busiest], "counters": len(idle)}


def per_working_day(res, columns):
    """Sum of /days columns over a replication, divided by its working days: one Interval."""
    d, work = res.table("days"), res.working_days()
    if d is None or work is None or work.empty:
        return None
    total = d.groupby("replication")[columns].sum().sum(axis=1)
    return Interval(total.to_numpy() / work.shape[0])


def unserved_facts(res):
    """Citizens sent home (to return) and citizens who gave up, per working day."""
    sent = per_working_day(res, ["sent_home"])
    if sent is None:
        return None
    return {"sent_home": sent, "gave_up": per_working_day(res, ["reneged", "balked"])}


def overtime_facts(res):
    """Staff overtime minutes per working day (summed over staff)."""
    return per_working_day(res, ["overtime"])


def dossier_facts(res):
    """On-time rate from /summary and dossiers still open and not yet due at the end."""
    rate = _summary_interval(res, "on_time_rate")
    if rate is None or not res.has("dossiers_by_procedure"):
        return None
    return {"on_time_rate": rate, "open_not_due": _summary_interval(res, "dossiers_open_not_due"),
            "received": _summary_interval(res, "dossiers_received")}


def system_facts(res):
    """Total downtime (hours, all systems) and the system with the most downtime."""
    s, lab = res.table("systems"), res.table("layout_systems")
    if s is None or lab is None or s.empty:
        return None
    total = _summary_interval(res, "system_down").scaled(1 / 60)
    per = {int(k): Interval(g["down"].to_numpy() / 60) for k, g in s.groupby("system")}
    outages = {int(k): float(g["outages"].mean()) for k, g in s.groupby("system")}
    worst = max(per, key=lambda k: per[k].mean)
    return {"total_hours": total, "worst_name": str(lab["name"].to_numpy()[worst]),
            "worst_hours": per[worst], "worst_outages": outages[worst], "systems": len(per)}


def comparison_facts(comp, metric="wait_mean"):
    """Rows of /comparison for one metric: [(variant, diff_mean, diff_low, diff_high)]."""
    if comp is None or comp.empty:
        return []
    rows = comp[comp["metric"] == metric]
    return [(str(r.variant), float(r.diff_mean), float(r.diff_low), float(r.diff_high))
            for r in rows.itertuples() if not math.isnan(float(r.diff_mean))]


def all_facts(res, comp=None):
    """Every fact the summary may use; a fact is None when the file lacks its table."""
    return {"run": run_facts(res), "wait": wait_facts(res), "weekday": worst_weekday(res),
            "peak": queue_peak(res), "counters": counter_facts(res),
            "unserved": unserved_facts(res), "overtime": overtime_facts(res),
            "dossiers": dossier_facts(res), "systems": system_facts(res),
            "comparison": comparison_facts(comp), "center_form": res.is_center_form()}
