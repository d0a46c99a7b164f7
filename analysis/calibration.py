#!/usr/bin/python3
"""Calibration of the national launch scenario: a fit of 2 free parameters to 6 published targets,
then checks it never saw, the spread of on-time over centers, and each headline's sensitivity.

    /usr/bin/python3 analysis/calibration.py [--motcua build/sim/motcua] [--apply]
    /usr/bin/python3 analysis/calibration.py --channels   (only the on-time by filing channel)

Targets, checks and their bands: analysis/calibration_targets.toml (committed before the first
run). Every model evaluation is one `motcua run` with the scenario's fixed seed (common random
numbers), 2 threads, 1 replication; the checks use 5 replications. The search is a compass
search on a grid (fit() below). With --apply the fitted values are written into
scenarios/national/launch_2025.toml (the lines marked CALIBRATED). The report is
docs/calibration.md (its generated section) and docs/images/calibration_on_time_by_type.png;
both come from analysis/calibration_report.py. Only the HDF5 outputs are read.
"""
import argparse
import datetime
import json
import math
import os
import re
import subprocess
import sys
import time
import tomllib

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from motcua_report import reader  # noqa: E402  (the one HDF5 reader of analysis/)
from motcua_report.intervals import Interval  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = os.path.join(ROOT, "analysis", "calibration_targets.toml")
LAUNCH_DAYS = 77  # 1 Jul - 15 Sep 2025
HCMC = "79"
GIA_LAI = "52"  # E5: the province whose September report says why its dossiers were late


def working_days(first, last):
    """Monday-Friday from first to last without the National Day holidays 1-2 Sep 2025
    (scenarios/calendar/vietnam_holidays.toml)."""
    day, n = first, 0
    while day <= last:
        n += day.weekday() < 5 and day not in (datetime.date(2025, 9, 1), datetime.date(2025, 9, 2))
        day += datetime.timedelta(days=1)
    return n


LAUNCH_WORKING_DAYS = working_days(datetime.date(2025, 7, 1), datetime.date(2025, 9, 15))


def read_national(path):
    """(national row of the first replication, /centers, /center_results of that replication)
    of a national results file, through the report's reader. Each table is a dict of columns."""
    nat, centers, rows = read_all(path)
    first = rows["replication"] == rows["replication"].min() if "replication" in rows else slice(None)
    return ({k: float(v[0]) for k, v in nat.items()}, centers, {k: v[first] for k, v in rows.items()})


def read_all(path):
    """(/national_results, /centers, /center_results) with every replication, as dicts of arrays."""
    with reader.open_file(path) as f:
        res = reader.NationalResults(f)
        as_dict = lambda t: {k: v.to_numpy() for k, v in t.items()}  # noqa: E731
        return (as_dict(res.table("national_results")), as_dict(res.table("centers")),
                as_dict(res.table("center_results")))


def hcmc_per_working_day(centers, res, column):
    prov = [str(p) for p in centers["province"]]
    return sum(res[column][i] for i, p in enumerate(prov) if p == HCMC) / LAUNCH_WORKING_DAYS


class Model:
    """Runs the scenario at given free-parameter values. The visit rate is one value for every
    class; the scenario cannot take it by --set (it is in [[classes]]), so each run gets a copy of
    the scenario file in the work folder with the rate written in and its paths made absolute."""

    def __init__(self, motcua, scenario, workdir, threads=2, base_settings=()):
        self.motcua, self.workdir, self.threads = motcua, workdir, threads
        self.scenario = os.path.join(ROOT, scenario)
        self.base_settings = list(base_settings)
        self.runs, self.seconds = 0, 0.0
        os.makedirs(workdir, exist_ok=True)

    def scenario_copy(self, rate, overrides=True):
        text = open(self.scenario, encoding="utf-8").read()
        text = re.sub(r"^visits_per_1000_per_day = [0-9.]+", "visits_per_1000_per_day = %.6f" % rate,
                      text, flags=re.M)
        folder = os.path.dirname(os.path.dirname(self.scenario))
        text = text.replace('"../', '"%s/' % folder)
        if not overrides:
            text = re.sub(r"^unit_overrides = .*$", "", text, flags=re.M)
        path = os.path.join(self.workdir, "scenario_%s.toml" % ("with" if overrides else "without"))
        open(path, "w", encoding="utf-8").write(text)
        return path

    def run(self, name, rate, factor, settings=(), replications=1, overrides=True):
        """One `motcua run`; returns (national rows, centers, center rows) of every replication."""
        out = os.path.join(self.workdir, name + ".h5")
        cmd = [self.motcua, "run", self.scenario_copy(rate, overrides), "-o", out, "-q",
               "-t", str(self.threads), "-r", str(replications),
               "--set", "national.back_office_time_factor = %.6f" % factor]
        for s in self.base_settings + list(settings):
            cmd += ["--set", s]
        start = time.time()
        subprocess.run(cmd, check=True)
        self.runs += 1
        self.seconds += time.time() - start
        return read_all(out)


def unit_value(centers, rows, code, column):
    """A center's column in every replication of a run (array over replications)."""
    idx = [str(c) for c in centers["code"]].index(code)
    return rows[column][rows["center"].astype(int) == idx]


class Evaluation:
    """The fitting targets' model outputs at one point: the national launch run, and HCMC alone
    over 31 and 50 days (the periods of its published counts). `plan` replaces the runs for the
    small CI fit: {"national": [--set lines]} and no HCMC runs."""

    def __init__(self, model, targets, plan=None):
        self.model, self.targets = model, targets
        self.plan = plan or {"national": [], "hcmc_days": {"hcmc_july_dossiers": 31, "hcmc_to_19aug_dossiers": 50}}

    def outputs(self, x):
        rate, factor = x
        nat, centers, rows = self.model.run("fit", rate, factor, self.plan["national"])
        out = {}
        for t in self.targets:
            tid = t["id"]
            if tid == "national_dossiers":
                out[tid] = nat["dossiers_received"][0]
            elif tid == "national_on_time":
                out[tid] = nat["on_time_rate"][0]
            elif tid.endswith("_on_time") and "unit" in t:
                out[tid] = unit_value(centers, rows, t["unit"], "on_time_rate")[0]
            elif tid in self.plan["hcmc_days"]:
                days = self.plan["hcmc_days"][tid]
                h, *_ = self.model.run("fit_hcmc%d" % days, rate, factor,
                                       ['national.provinces = ["%s"]' % HCMC, "run.days = %d" % days])
                out[tid] = h["dossiers_received"][0]
            else:
                raise KeyError("no model output for target " + tid)
        return out


def miss(target, value):
    """The target's miss in sigmas: relative for counts, absolute for rates."""
    if target["kind"] == "relative":
        return (value / target["published"] - 1.0) / target["sigma"]
    return (value - target["published"]) / target["sigma"]


def objective(targets, outputs):
    return sum(miss(t, outputs[t["id"]]) ** 2 for t in targets)


def fit(f, x0, step, min_step, bounds, max_evaluations):
    """Compass search on a grid: from x0 try x ± step along each axis (inside bounds), move to the
    best point that lowers f, halve every step when none does; stop when each step is below its
    minimum or the evaluations run out. f is evaluated once per grid point (cached).
    Returns (best x, f(best x), log of (x, f(x)) in evaluation order)."""
    cache, log = {}, []

    def value(x):
        key = tuple(round(v, 9) for v in x)
        if key not in cache:
            if len(cache) >= max_evaluations:
                return math.inf
            cache[key] = f(list(key))
            log.append((key, cache[key]))
        return cache[key]

    x, step = list(x0), list(step)
    best = value(x)
    while any(s >= m for s, m in zip(step, min_step)) and len(cache) < max_evaluations:
        trial = []
        for i in range(len(x)):
            for sign in (-1, 1):
                y = list(x)
                y[i] = round(x[i] + sign * step[i], 9)
                if bounds[i][0] <= y[i] <= bounds[i][1]:
                    trial.append(y)
        scored = [(value(y), y) for y in trial]
        scored = [(v, y) for v, y in scored if v < best]
        if scored:
            best, x = min(scored)
        else:
            step = [s / 2 for s in step]
    return [round(v, 9) for v in x], best, log


def read_scenario_values(scenario):
    s = open(os.path.join(ROOT, scenario), encoding="utf-8").read()
    rate = float(re.search(r"^visits_per_1000_per_day = ([0-9.]+)", s, re.M).group(1))
    factor = float(re.search(r"^back_office_time_factor = ([0-9.]+)", s, re.M).group(1))
    return [rate, factor]


def apply(scenario, x):
    """Write the fitted values into the scenario's CALIBRATED lines."""
    path = os.path.join(ROOT, scenario)
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"^visits_per_1000_per_day = [0-9.]+", "visits_per_1000_per_day = %.4f" % x[0], s, flags=re.M)
    s = re.sub(r"^back_office_time_factor = [0-9.]+", "back_office_time_factor = %.4f" % x[1], s, flags=re.M)
    open(path, "w", encoding="utf-8").write(s)


def interval(values):
    iv = Interval(values)
    return {"mean": iv.mean, "low": iv.mean - iv.half, "high": iv.mean + iv.half, "n": iv.n}


def september_share(runs, part, whole):
    """Of the dossiers counted in `whole` between the 62-day and the 92-day run (September), the
    share counted in `part` too, per replication."""
    return (runs[92][part] - runs[62][part]) / (runs[92][whole] - runs[62][whole])


def september_by_center(runs):
    """HCMC's September on-time rate split into its centers below 50 % on time in September and the
    rest, over all replications: the centers' names, their share of September's settled dossiers
    and on-time rate, and the rate of the others together."""
    settled, on_time, open_, received = {}, {}, {}, {}
    for d, (_, centers, rows) in runs.items():
        idx = rows["center"].astype(int)
        n = len(centers["code"])
        total = lambda column: np.bincount(idx, rows[column], n)  # noqa: E731  (over replications)
        on_time[d] = total("dossiers_on_time")
        settled[d] = total("dossiers_completed") + total("dossiers_open_overdue")
        open_[d] = total("dossiers_open_overdue") + total("dossiers_open_not_due")
        received[d] = total("dossiers_received")
    s, o = settled[92] - settled[62], on_time[92] - on_time[62]
    names = [str(v) for v in runs[92][1]["name"]]
    low = (s > 0) & (o < 0.5 * s)
    # Open dossiers on 31 Aug and 30 Sep, and September's intake, per replication: how fast a
    # center behind in September works off its backlog.
    reps = len(np.unique(runs[92][2]["replication"]))
    return {"low": [{"name": names[i], "share": float(s[i] / s.sum()), "on_time": float(o[i] / s[i]),
                     "open_aug": float(open_[62][i] / reps), "open_sep": float(open_[92][i] / reps),
                     "received_sep": float((received[92][i] - received[62][i]) / reps)}
                    for i in np.flatnonzero(low)],
            "others_on_time": float(o[~low].sum() / s[~low].sum()), "all_on_time": float(o.sum() / s.sum())}


def checks(model, cfg, x):
    """The checks of calibration_targets.toml at x, each over cfg['checks']['replications'] runs."""
    reps = cfg["checks"]["replications"]
    rate, factor = x
    results = {}
    hcmc_runs = {d: model.run("check_hcmc%d" % d, rate, factor, ['national.provinces = ["79"]', "run.days = %d" % d], reps)
                 for d in (62, 92)}
    hcmc = {d: hcmc_runs[d][0] for d in hcmc_runs}
    results["hcmc_september_by_center"] = september_by_center(hcmc_runs)
    settled = {d: hcmc[d]["dossiers_completed"] + hcmc[d]["dossiers_open_overdue"] for d in hcmc}
    results["hcmc_september_on_time"] = interval(
        (hcmc[92]["dossiers_on_time"] - hcmc[62]["dossiers_on_time"]) / (settled[92] - settled[62]))
    results["hcmc_q3_overdue"] = interval(hcmc[92]["dossiers_late"] + hcmc[92]["dossiers_open_overdue"])
    gia_lai = {d: model.run("check_gia_lai%d" % d, rate, factor, ['national.provinces = ["%s"]' % GIA_LAI, "run.days = %d" % d], reps)[0]
               for d in (62, 92)}
    results["gia_lai_september_it_share"] = interval(september_share(gia_lai, "dossiers_late_result", "dossiers_late"))
    nat, centers, rows = model.run("check_national", rate, factor, [], reps)
    scale = 6.6e6 / nat["dossiers_received"]
    results["online_payments"] = interval(nat["payments_online"] * scale)
    results["online_payments"]["unscaled"] = float(np.mean(nat["payments_online"]))
    # The mean fee per payment, beside the published 1.7 trillion VND over 3 million payments (C1):
    # whether the published payments are commune fees at all.
    results["online_payments"]["vnd_per_payment"] = float(np.sum(nat["payments_online_vnd"]) / np.sum(nat["payments_online"]))
    results["channels"] = channel_split(nat)
    results["late_steps"] = late_steps(nat)
    units = [c for c in cfg["check"] if "unit" in c]
    provinces = sorted({str(centers["province"][[str(k) for k in centers["code"]].index(c["unit"])]) for c in units})
    free = model.run("check_units_no_overrides", rate, factor,
                     ["national.provinces = [%s]" % ", ".join('"%s"' % p for p in provinces)], reps, overrides=False)
    results["target_sd"] = {"national_on_time": float(np.std(nat["on_time_rate"], ddof=1)),
                            "national_dossiers": float(np.std(nat["dossiers_received"], ddof=1))}
    for t in cfg["target"]:
        if "unit" in t:
            results["target_sd"][t["id"]] = float(np.std(unit_value(centers, rows, t["unit"], "on_time_rate"), ddof=1))
    overridden = {line.split(",")[0] for line in open(os.path.join(ROOT, "scenarios/data/unit_overrides.csv"), encoding="utf-8")}
    for c in units:
        results[c["id"]] = {"overridden": c["unit"] in overridden,
            "predicted": interval(unit_value(free[1], free[2], c["unit"], c["measure"]) / LAUNCH_WORKING_DAYS),
            "as_run": interval(unit_value(centers, rows, c["unit"], c["measure"]) / LAUNCH_WORKING_DAYS),
            "served_as_run": interval(unit_value(centers, rows, c["unit"], "served") / LAUNCH_WORKING_DAYS)}
    return results, (nat, centers, rows)


CHANNELS = (("online-filed", "online"), ("counter-filed", "counter"), ("all", None))


def channel_split(nat):
    """The national on-time rate and the dossiers received, by the channel a dossier was filed
    through (online, at a counter) and over all, each over every replication of a national run."""
    out = {}
    for label, ch in CHANNELS:
        rate = "on_time_rate" + ("_" + ch if ch else "")
        received = "dossiers_%s_received" % ch if ch else "dossiers_received"
        out[label] = {"on_time": interval(nat[rate]), "received": interval(nat[received]),
                      "share": float(np.mean(nat[received] / nat["dossiers_received"]))}
    return out


# The step held responsible for a late dossier (docs/model.md, "The dossier's route"): the step it
# was in when its deadline passed. Summary columns dossiers_late_<step> sum to dossiers_late.
LATE_STEPS = ("specialist", "citizen", "agency", "signature", "result")


def late_steps(nat):
    """The late dossiers of a national run by the step responsible: each step's count (mean over
    replications, with its interval) and its share of all late dossiers (ratio of the means)."""
    total = float(np.mean(nat["dossiers_late"]))
    return {step: {"late": interval(nat["dossiers_late_" + step]),
                   "share": float(np.mean(nat["dossiers_late_" + step])) / total if total > 0 else float("nan")}
            for step in LATE_STEPS}


def headlines(nat, centers, rows):
    """The four headlines of the sensitivity table, from the first replication of a national run."""
    first = rows["replication"] == rows["replication"].min()
    prov = np.array([str(p) for p in centers["province"]])
    idx = rows["center"][first].astype(int)
    hc = prov[idx] == HCMC
    num = lambda c, m: rows[c][first][m].sum()  # noqa: E731
    hcmc_on_time = num("dossiers_on_time", hc) / (num("dossiers_completed", hc) + num("dossiers_open_overdue", hc))
    return {"national on time": nat["on_time_rate"][0], "HCMC on time": hcmc_on_time,
            "centers below 50 % on time": float(np.mean(rows["on_time_rate"][first] < 0.5)),
            "served / arrived": nat["served"][0] / nat["arrived"][0]}


def sensitivity(model, x, rel=0.10):
    """Each headline at x and with each free parameter moved by ±rel (1 replication, fixed seed)."""
    table = {"base": headlines(*model.run("sens_base", x[0], x[1]))}
    for i, name in enumerate(("visits_per_1000_per_day", "back_office_time_factor")):
        for sign in (-1, 1):
            y = list(x)
            y[i] = x[i] * (1 + sign * rel)
            table["%s %+d %%" % (name, sign * round(100 * rel))] = headlines(*model.run("sens", y[0], y[1]))
    # Not a free parameter: the systems' synchronisation failure shares (ASSUMPTIONs), halved and
    # doubled, to show how far they, not the back office, decide the on-time headlines.
    for k in (0.5, 2.0):
        table["sync_failure_factor x%g (not fitted)" % k] = headlines(
            *model.run("sens", x[0], x[1], ["national.sync_failure_factor = %g" % k]))
    return table


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--motcua", default=os.path.join(ROOT, "build/sim/motcua"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workdir", default=os.path.join(ROOT, "out/calibration"))
    p.add_argument("--apply", action="store_true", help="write the fitted values into the scenario")
    p.add_argument("--no-fit", action="store_true", help="keep the scenario's values; only checks and report")
    p.add_argument("--checks-only", action="store_true",
                   help="keep the last run's fit (state.json); rerun the checks and the sensitivity, rewrite the page")
    p.add_argument("--report-only", action="store_true", help="rewrite the page from the last run's state.json")
    p.add_argument("--channels", action="store_true",
                   help="only run the national launch at the scenario's values (the checks' replications) and "
                        "rewrite the page's table of on-time by filing channel")
    args = p.parse_args()
    cfg = tomllib.load(open(TARGETS, "rb"))
    fc = cfg["fit"]
    model = Model(args.motcua, fc["scenario"], args.workdir, args.threads)
    started = time.time()
    x0 = fc.get("start") or read_scenario_values(fc["scenario"])
    ev = Evaluation(model, cfg["target"])
    seen = {}

    def f(x):
        seen[tuple(x)] = ev.outputs(x)
        print("fit %d: rate %.4f factor %.4f -> J %.3f" % (len(seen), x[0], x[1], objective(cfg["target"], seen[tuple(x)])),
              flush=True)
        return objective(cfg["target"], seen[tuple(x)])

    state = os.path.join(args.workdir, "state.json")
    if args.channels:  # the channel table alone, without refitting
        import calibration_report
        x = read_scenario_values(fc["scenario"])
        reps = cfg["checks"]["replications"]
        nat, *_ = model.run("channels_national", x[0], x[1], [], reps)
        calibration_report.write_channels(
            cfg, channel_split(nat), reps, late_steps(nat),
            "`calibration.py --channels`: the national launch run at the scenario's (fitted) values, fixed seed")
        return
    if args.report_only:  # the last full run's fit, checks and sensitivity, with their files
        s = json.load(open(state, encoding="utf-8"))
        import calibration_report
        calibration_report.write(cfg, s["x0"], s["x"], [(tuple(k), v) for k, v in s["log"]], s["outputs"],
                                 s["checks"], read_all(os.path.join(args.workdir, "check_national.h5")),
                                 s["sensitivity"], s["timing"])
        return
    if args.checks_only:  # the last full run's fit kept; checks and sensitivity rerun at its values
        s = json.load(open(state, encoding="utf-8"))
        check_results, national = checks(model, cfg, s["x"])
        s["checks"], s["sensitivity"] = check_results, sensitivity(model, s["x"])
        s["timing"]["checks_rerun_seconds"] = time.time() - started
        json.dump(s, open(state, "w", encoding="utf-8"), indent=1, default=float)
        import calibration_report
        calibration_report.write(cfg, s["x0"], s["x"], [(tuple(k), v) for k, v in s["log"]], s["outputs"],
                                 check_results, national, s["sensitivity"], s["timing"])
        return
    if args.no_fit:
        x0 = read_scenario_values(fc["scenario"])
        x, log = x0, [(tuple(x0), f(x0))]
    else:
        x, _, log = fit(f, x0, fc["start_step"], fc["min_step"], fc["bounds"], fc["max_evaluations"])
    fit_seconds = time.time() - started
    if args.apply:
        apply(fc["scenario"], x)
    check_results, national = checks(model, cfg, x)
    sens = sensitivity(model, x)
    timing = {"fit_seconds": fit_seconds, "total_seconds": time.time() - started, "runs": model.runs,
              "motcua_seconds": model.seconds}
    json.dump({"x0": x0, "x": x, "log": log, "outputs": seen[tuple(x)], "checks": check_results,
               "sensitivity": sens, "timing": timing}, open(state, "w", encoding="utf-8"), indent=1, default=float)
    import calibration_report
    calibration_report.write(cfg, x0, x, log, seen[tuple(x)], check_results, national, sens, timing)


if __name__ == "__main__":
    sys.exit(main())
