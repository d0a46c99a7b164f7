"""The tables of the national page: national figures, provinces, the slowest centers."""
from . import national_facts, page
from .summary_text import _digits, estimate, number

# What each national metric is (as in sim/run/national_aggregate.cpp); rates are shown in %.
WHAT = {"arrived": "citizens who came in person (first visits)",
        "served": "of those, served at a counter", "reneged": "of those, gave up waiting",
        "balked": "of those, left without a ticket",
        "sent_home": "departures sent home to come back", "returned": "return visits",
        "answered": "questions answered by a reception robot",
        "wait_mean": "mean wait of served citizens (centers weighted by served)",
        "abandon_rate": "reneged / arrived", "overtime": "minutes worked past closing, all staff",
        "dossiers_received": "dossiers received (counter and online)",
        "dossiers_online": "of those, filed online",
        "dossiers_completed": "back-office work finished within the run",
        "dossiers_on_time": "finished by the deadline",
        "dossiers_late": "finished after the deadline",
        "dossiers_open_overdue": "open at the end, deadline passed",
        "dossiers_open_not_due": "open at the end, not yet due",
        "on_time_rate": "dossiers_on_time / (dossiers_completed + dossiers_open_overdue)",
        "system_down": "minutes software systems were down, summed over systems and centers",
        "online_payments_ok": "online dossiers paid online"}
RATES = {"abandon_rate", "on_time_rate"}
NO_INTERVAL = "one replication, no interval"


def _value(x, half, pct):
    """x as text with the decimals its interval supports (raw, not clipped at 0)."""
    k = 100.0 if pct else 1.0
    text = number(x * k, "en", _digits(x * k, half * k))
    return text + " %" if pct else text


def _cell(iv, pct=False):
    """'mean (low–high)' for a table cell; the bare mean when there is no interval.

    As in the summary, bounds are clipped to what the quantity can be: 0, and 100 % for a share.
    """
    if iv is None or iv.n == 0:
        return "–"
    value, ci = estimate(iv.capped(1.0) if pct else iv, "en", pct)
    return value + ci


def national_block(res):
    """Every metric of /national_summary: mean and 95 % interval, or 'one replication, no interval'."""
    rows = []
    for metric, iv in national_facts.national_intervals(res).items():
        pct = metric in RATES
        unit = "%" if pct else res.summary().loc[metric, "unit"]
        interval = (f"{_value(iv.low, iv.half, pct)} to {_value(iv.high, iv.half, pct)}"
                    if iv.has_interval() else NO_INTERVAL if iv.n < 2 else "–")
        rows.append([metric, WHAT.get(metric, ""), unit, _value(iv.mean, iv.half, pct), interval,
                     iv.n])
    return ("<h2 id=\"national\">National figures</h2><p>All centers of the run together, from "
            "the file's <code>/national_summary</code>: per replication, counts are summed over "
            "the centers, the mean wait is weighted by the citizens each center served, and the "
            "rates are formed from the summed counts; then the mean over replications and its "
            "95 % interval.</p>"
            + page.table(["metric", "what", "unit", "mean", "95 % interval", "n"], rows))


def _bracket_note(res):
    """What the brackets of a table mean, or that there are none."""
    if res.n_replications() >= 2:
        return "in brackets the 95 % interval across replications"
    return f"{NO_INTERVAL}: the values are those of the single run"


def _per_day(x, days):
    return number(x / days if days else x, "en", 0)


def province_block(res):
    """One row per province, the lowest on-time rate first."""
    period = res.period()
    days = period[0] if period else None
    per = "arrived per day" if days else "arrived (whole run)"
    rows = [[r.name, r.code, r.centers, _per_day(r.arrived, days), _cell(r.wait),
             _cell(r.abandon, True), number(r.dossiers_received, "en", 0),
             number(r.dossiers_online, "en", 0), _cell(r.on_time, True)]
            for r in national_facts.province_table(res).itertuples()]
    when = (f"over the {days} calendar days of the run (weekends and holidays included: the file "
            "has no calendar)" if days else "over the whole run")
    return ("<h2 id=\"provinces\">Provinces</h2><p>Each province's centers of the run together "
            "(<code>/province_results</code>), mean over replications; "
            f"{_bracket_note(res)}. Arrivals are citizens who came in person, {when}; "
            "dossiers are over the whole run. Lowest on-time rate first.</p>"
            + page.table(["province", "code", "centers", per, "mean wait (min)", "gave up",
                          "dossiers received", "of them online", "on time"], rows))


def centers_block(res, k=10):
    """The k centers with the longest mean wait."""
    period = res.period()
    days = period[0] if period else None
    slow = national_facts.slowest_centers(res, k)
    rows = [[r.name, r.province_name, r.klass,
             number(r.daily_visits, "en", 0), _per_day(r.arrived, days), _cell(r.wait),
             _cell(r.abandon, True), _cell(r.on_time, True)]
            for r in slow.itertuples()]
    per = "arrived per day" if days else "arrived (whole run)"
    return (f"<h2 id=\"slowest-centers\">The {len(rows)} centers with the longest mean wait</h2><p>From "
            "<code>/center_results</code>: each center's mean wait of served citizens, mean over "
            f"replications ({_bracket_note(res)}); expected visits a day are the "
            "center's planned demand (in person and online).</p>"
            + page.table(["center", "province", "class", "expected visits a day", per,
                          "mean wait (min)", "gave up", "on time"], rows))


def numbers_for_json(fa, res):
    """The unrounded national and per-province numbers behind the summary."""
    def iv(x):
        return None if x is None or x.n == 0 else {"mean": x.mean, "low": x.low, "high": x.high,
                                                    "n": x.n}
    provinces = [{"code": r.code, "name": r.name, "centers": r.centers, "wait_mean": iv(r.wait),
                  "abandon_rate": iv(r.abandon), "on_time_rate": iv(r.on_time)}
                 for r in national_facts.province_table(res).itertuples()]
    return {"national": {m: iv(v) for m, v in fa["national"].items()}, "provinces": provinces}
