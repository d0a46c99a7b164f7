"""The numbers behind the plain-language summary, each computed from one table of the file."""
import math
import tomllib

from . import labels
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
    vi = counter_names(res, "vi")
    return {"idle_id": str(ids[most_idle]), "idle": idle[most_idle],
            "busy_id": str(ids[busiest]), "busy": serving[busiest], "counters": len(idle),
            "idle_name_vi": vi[most_idle], "busy_name_vi": vi[busiest]}


def domain_names(res):
    """{domain id: bilingual name} from /domains ({} when the file has none)."""
    d = res.table("domains")
    return {} if d is None else dict(zip(d["id"].astype(str), d["name"].astype(str)))


def counter_names(res, lang):
    """The counters' names in lang, by counter index (labels.counter_name)."""
    lab, names = res.table("layout_counters"), domain_names(res)
    if lab is None:
        return []
    domains = lab["domains"] if "domains" in lab else [""] * len(lab)
    return [labels.counter_name(str(i), d, names, lang) for i, d in zip(lab["id"], domains)]


def _unserved_counts(frame):
    """Citizens who went home unserved in each row: reneged + balked + turned away, plus those
    sent home who did not come back (sent_home - returned over the rows summed; returns of those
    who gave up make it negative, and the sum of the two parts is what counts).
    turned_away is 0 in files written before motcua counted it."""
    away = frame["turned_away"] if "turned_away" in frame else 0.0
    return frame["reneged"] + frame["balked"] + away, frame["sent_home"] - frame["returned"]


# A domain is named as the worst only if at least this share of the citizens came for it: a
# domain with 6 visitors a week has a share that swings by 15 points with one citizen.
WORST_MIN_SHARE = 0.03


def domain_facts(res):
    """Per domain over the whole run, per replication then across replications: the share of its
    citizens who went home unserved ((reneged + balked + turned away + sent home and not back) /
    arrived, as /summary's unserved_share) and the served-weighted mean wait. Returns
    {"domains": {index: {"unserved", "wait", "arrived"}}, "worst_unserved", "worst_wait"} with
    the indices of the worst domains among those with at least WORST_MIN_SHARE of the arrivals,
    or None when the file has no /days_by_domain."""
    d = res.table("days_by_domain")
    if d is None or d.empty or res.table("domains") is None:
        return None
    d = d.assign(_gone=_unserved_counts(d)[0], _pending=_unserved_counts(d)[1],
                 _wait_total=d["wait_mean"].fillna(0.0) * d["served"])
    per = d.groupby(["domain", "replication"])[["_gone", "_pending", "arrived", "served",
                                                "_wait_total"]].sum()
    per = per[per["arrived"] > 0]
    # Those who gave up and came back are in reneged or balked and in returned: the sum, not each
    # part, counts citizens (every return follows one unserved departure).
    per["unserved"] = (per["_gone"] + per["_pending"]).clip(lower=0) / per["arrived"]
    per["wait"] = per["_wait_total"] / per["served"].where(per["served"] > 0)
    out = {}
    for k, g in per.groupby(level="domain"):
        out[int(k)] = {"unserved": Interval(g["unserved"].to_numpy()),
                       "wait": Interval(g["wait"].to_numpy()), "arrived": float(g["arrived"].mean())}
    if not out:
        return None
    total = sum(v["arrived"] for v in out.values())
    large = [k for k in out if out[k]["arrived"] >= WORST_MIN_SHARE * total] or list(out)
    waited = [k for k in large if out[k]["wait"].n > 0]
    return {"domains": out,
            "worst_unserved": max(large, key=lambda k: out[k]["unserved"].mean),
            "worst_wait": max(waited, key=lambda k: out[k]["wait"].mean) if waited else None}


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


# The /comparison rows the summary sentences read (the verdict metrics first).
COMPARED = ["service_level", "unserved_share", "helped", "served", "wait_mean", "reneged",
            "balked", "sent_home"]


def comparison_facts(comp, verdicts=None):
    """[(variant, {metric: {"diff", "low", "high", "base"}, "_overall": verdict or None})] from
    /comparison, in the file's variant order; "_overall" is /verdicts' `overall` when the file has
    that table (motcua's own verdict on the people who came)."""
    if comp is None or comp.empty:
        return []
    overall = {}
    if verdicts is not None and {"variant", "overall"} <= set(verdicts):
        overall = dict(zip(verdicts["variant"].astype(str), verdicts["overall"].astype(str)))
    out = []
    for variant in dict.fromkeys(comp["variant"].astype(str)):
        rows = {"_overall": overall.get(variant)}
        for r in comp[(comp["variant"] == variant) & comp["metric"].isin(COMPARED)].itertuples():
            if not math.isnan(float(r.diff_mean)):
                rows[str(r.metric)] = {"diff": float(r.diff_mean), "low": float(r.diff_low),
                                       "high": float(r.diff_high), "base": float(r.base_mean)}
        out.append((variant, rows))
    return out


def service_target(res):
    """[run] service_target_min of the resolved scenario (minutes; 30 when not given)."""
    text = str(res.attr("resolved_scenario", "") or res.attr("scenario_text", "") or "")
    try:
        value = tomllib.loads(text).get("run", {}).get("service_target_min", 30.0)
        return float(value)
    except (tomllib.TOMLDecodeError, TypeError, ValueError):
        return 30.0


def service_facts(res):
    """service_level and unserved_share from /summary (None in files written before them), and
    answered: service_level counts a question answered at reception as a visit served on time."""
    return {"service_level": _summary_interval(res, "service_level"),
            "unserved_share": _summary_interval(res, "unserved_share"),
            "answered": _summary_interval(res, "answered"), "target": service_target(res)}


def named_domain_facts(res):
    """domain_facts with the domains' bilingual names by index."""
    d = domain_facts(res)
    if d is not None:
        d["names"] = [str(n) for n in res.table("domains")["name"]]
    return d


def all_facts(res, comp=None, verdicts=None):
    """Every fact the summary may use; a fact is None when the file lacks its table."""
    return {"run": run_facts(res), "service": service_facts(res),
            "domains": named_domain_facts(res), "wait": wait_facts(res), "weekday": worst_weekday(res),
            "peak": queue_peak(res), "counters": counter_facts(res),
            "unserved": unserved_facts(res), "overtime": overtime_facts(res),
            "dossiers": dossier_facts(res), "systems": system_facts(res),
            "comparison": comparison_facts(comp, verdicts), "center_form": res.is_center_form()}
