"""The numbers of a national file: national intervals, one row per province, the slowest centers.

Every interval is across replications (intervals.Interval): a province's or a center's value is
taken from each replication's row of /province_results or /center_results, as motcua formed it
(sim/run/national_aggregate.cpp: sums, wait_mean weighted by served, rates from summed counts).
"""
import pandas as pd

from .intervals import Interval

# Columns shown as means over replications (counts: no interval in the tables).
COUNTS = ["arrived", "served", "dossiers_received", "dossiers_online"]
# Columns shown with their 95 % interval: (column of the file, key in the facts). The verdict
# metrics are only in files written since motcua counted everyone who came (left out otherwise).
RATES = [("wait_mean", "wait"), ("abandon_rate", "abandon"), ("on_time_rate", "on_time"),
         ("unserved_share", "unserved"), ("service_level", "service")]


def national_intervals(res):
    """{metric: Interval} from /national_summary (metrics with n = 0 left out)."""
    s = res.summary()
    return {m: Interval.from_summary(s.loc[m]) for m in s.index if int(s.loc[m, "n"]) > 0}


def _intervals(df, key, column):
    """{key value: Interval of column across replications}."""
    return {k: Interval(g[column].to_numpy()) for k, g in df.groupby(key, sort=True)}


def _per_unit(df, key, first):
    """Per key: means of COUNTS, the Intervals of RATES, and the first value of `first` columns."""
    out = df.groupby(key, sort=True)[[c for c in COUNTS if c in df]].mean()
    for column, name in RATES:
        if column in df:
            out[name] = pd.Series(_intervals(df, key, column))
    for column in first:
        out[column] = df.groupby(key, sort=True)[column].first()
    return out


def _by_rate(frame):
    """Lowest on-time rate first (the provinces to look at), undefined rates last, then by name."""
    rate = frame["on_time"].map(lambda iv: iv.mean)
    return frame.assign(_r=rate).sort_values(["_r", "name"], na_position="last").drop(columns="_r")


def province_table(res):
    """One row per province of the run: code, name, centers, COUNTS means, RATES Intervals."""
    labels, centers = res.table("provinces"), res.table("centers")
    out = _per_unit(res.table("province_results"), "province", [])
    out["code"] = [str(labels["code"].iloc[int(p)]) for p in out.index]
    out["name"] = [str(labels["name"].iloc[int(p)]) for p in out.index]
    counts = centers["province"].value_counts()
    out["centers"] = [int(counts.get(c, 0)) for c in out["code"]]
    return _by_rate(out)


def worst_centers(res, key, largest, k=10):
    """The k centers worst on one Interval column of _per_unit (largest or smallest mean over
    replications first; centers without a value left out), with name, province and class."""
    cr = res.table("center_results")
    out = _per_unit(cr, "center", ["daily_visits"])
    if key not in out:
        return out.head(0)
    out = out[out[key].map(lambda iv: iv.n > 0)]
    out = out.assign(_w=out[key].map(lambda iv: iv.mean)).sort_values("_w", ascending=not largest)
    out = out.drop(columns="_w").head(k)
    centers, names = res.table("centers"), province_names(res)
    out["name"] = [str(centers["name"].iloc[int(c)]) for c in out.index]
    out["province_name"] = [names.get(str(centers["province"].iloc[int(c)]), "?") for c in out.index]
    out["klass"] = [str(centers["class"].iloc[int(c)]) for c in out.index]
    return out


def slowest_centers(res, k=10):
    """The k centers with the longest mean wait over replications."""
    return worst_centers(res, "wait", True, k)


def least_on_time_centers(res, k=10):
    """The k centers with the lowest on-time rate over replications."""
    return worst_centers(res, "on_time", False, k)


def province_names(res):
    """{province code: name}."""
    p = res.table("provinces")
    return dict(zip(p["code"].astype(str), p["name"].astype(str)))


def _extreme(table, key, largest):
    """(name, Interval) of the province with the largest (or smallest) mean of key, or None."""
    known = table[table[key].map(lambda iv: iv.n > 0)]
    if known.empty:
        return None
    means = known[key].map(lambda iv: iv.mean)
    row = known.loc[means.idxmax() if largest else means.idxmin()]
    return str(row["name"]), row[key]


def national_facts(res):
    """Everything the national summary sentences use."""
    provinces, slow, late = province_table(res), slowest_centers(res, 1), least_on_time_centers(res, 1)
    worst = None if slow.empty else (slow["name"].iloc[0], slow["province_name"].iloc[0],
                                      slow["wait"].iloc[0])
    least = None if late.empty else (late["name"].iloc[0], late["province_name"].iloc[0],
                                      late["on_time"].iloc[0])
    return {"name": res.attr("scenario_name", "?"), "replications": res.n_replications(),
            "centers": int(res.attr("national", res.table("centers").shape[0])),
            "provinces": int(provinces.shape[0]), "period": res.period(),
            "national": national_intervals(res),
            "longest_wait": _extreme(provinces, "wait", True),
            "lowest_on_time": _extreme(provinces, "on_time", False), "slowest_center": worst,
            "least_on_time_center": least}
