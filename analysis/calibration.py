#!/usr/bin/python3
"""Calibration of the national launch scenario: a fit of 6 free parameters to 8 published targets,
then checks it never saw, the spread of on-time over centers, and each headline's sensitivity.

    /usr/bin/python3 analysis/calibration.py [--motcua build/sim/motcua] [--apply]
    /usr/bin/python3 analysis/calibration.py --channels   (only the on-time by filing channel)
    /usr/bin/python3 analysis/calibration.py --checks-only   (the last fit kept; checks rerun)
    /usr/bin/python3 analysis/calibration.py --variant national_91   (another reading of the
        evidence, [variants.NAME] of the targets file: its own work folder and page, never --apply)

Targets, checks and their bands: analysis/calibration_targets.toml (committed before the first
run). Every model evaluation is one `motcua run` with the scenario's fixed seed (common random
numbers), 2 threads, 1 replication; the checks use 5 replications. The search is a compass
search on a grid (fit() below); the checks and the sensitivity are in calibration_checks.py. With --apply the fitted values are written into
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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from motcua_report import reader  # noqa: E402  (the one HDF5 reader of analysis/)
from calibration_variants import with_variant  # noqa: E402,F401  (calibration.with_variant: the CLI's and tests' name)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = os.path.join(ROOT, "analysis", "calibration_targets.toml")
LAUNCH_DAYS = 77  # 1 Jul - 15 Sep 2025
HCMC = "79"
GIA_LAI = "52"  # E5: the province whose September report says why its dossiers were late
HANOI = "01"  # its commune level's report of 1 Jul - 23 Sep 2025 (calibration_targets.toml, HN)
AN_GIANG = "91"  # the Government Office's assessment of its October 2025 dossiers (calibration_targets.toml, AG)
STEADY = "scenarios/national/steady_state.toml"  # extends the launch scenario: the checks of October


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


# The free parameters a fit may name ([fit] parameters), each a number in the launch scenario:
# `line` finds it there (group 1 what comes before the value, group 2 the value; the visit rate is
# on every class's line), `label` heads its column in the search log. HCMC's own factor is the
# one right under [provinces.79]; the national one is any other.
PARAMETERS = {
    "visits_per_1000_per_day": {"label": "visit rate", "line": r"^(visits_per_1000_per_day = )([0-9.]+)"},
    "back_office_time_factor": {"label": "back-office factor", "line": r"^(back_office_time_factor = )([0-9.]+)"},
    "sync_failure_factor": {"label": "sync factor, other provinces",
                            "line": r"(?<!\[provinces\.79\]\n)^(sync_failure_factor = )([0-9.]+)"},
    "hcmc_sync_failure_factor": {"label": "sync factor, HCMC",
                                 "line": r"(?<=\[provinces\.79\]\n)^(sync_failure_factor = )([0-9.]+)"},
    # The miss shares: the key's first line inside its table (lines not starting a new table).
    "reception_miss_share": {"label": "miss share, other provinces",
                             "line": r"(^\[national\]\n(?:(?!\[).*\n)*?reception_miss_share = )([0-9.]+)"},
    "hcmc_reception_miss_share": {"label": "miss share, HCMC",
                                  "line": r"(^\[provinces\.79\]\n(?:(?!\[).*\n)*?reception_miss_share = )([0-9.]+)"},
}
DEFAULT_PARAMETERS = ("visits_per_1000_per_day", "back_office_time_factor")


def scenario_values(text, names):
    """The named parameters' values in a scenario file's text."""
    out = []
    for name in names:
        m = re.search(PARAMETERS[name]["line"], text, re.M)
        if not m:
            raise SystemExit("calibration: no line for %s in the scenario" % name)
        out.append(float(m.group(2)))
    return out


def with_values(text, names, x, digits=6):
    """The scenario text with the named parameters set to x (every class's visit rate)."""
    for name, v in zip(names, x):
        text, n = re.subn(PARAMETERS[name]["line"], lambda m: m.group(1) + "%.*f" % (digits, v), text, flags=re.M)
        if n == 0:
            raise SystemExit("calibration: no line for %s in the scenario" % name)
    return text


class Model:
    """Runs the scenario at given free-parameter values (x, in the order of `parameters`). Some
    parameters cannot be taken by --set (the visit rate is in [[classes]]), so each run gets a copy
    of the scenario file in the work folder with the values written in and its paths made absolute."""

    def __init__(self, motcua, scenario, workdir, threads=2, base_settings=(), parameters=DEFAULT_PARAMETERS):
        self.motcua, self.workdir, self.threads = motcua, workdir, threads
        self.scenario = os.path.join(ROOT, scenario)
        self.base_settings = list(base_settings)
        self.parameters = list(parameters)
        self.runs, self.seconds = 0, 0.0
        os.makedirs(workdir, exist_ok=True)

    def scenario_copy(self, x, overrides=True):
        text = with_values(open(self.scenario, encoding="utf-8").read(), self.parameters, x)
        folder = os.path.dirname(os.path.dirname(self.scenario))
        text = text.replace('"../', '"%s/' % folder)
        if not overrides:
            text = re.sub(r"^unit_overrides = .*$", "", text, flags=re.M)
        path = os.path.join(self.workdir, "scenario_%s.toml" % ("with" if overrides else "without"))
        open(path, "w", encoding="utf-8").write(text)
        return path

    def extending_copy(self, x, scenario):
        """A copy of a scenario that extends the fitted one (steady_state.toml extends the launch),
        made to extend the copy with the values x, its own paths made absolute."""
        base = self.scenario_copy(x)
        path = os.path.join(ROOT, scenario)
        text = open(path, encoding="utf-8").read()
        text, n = re.subn(r'^extends = "%s"' % re.escape(os.path.basename(self.scenario)),
                          lambda m: 'extends = "%s"' % base, text, flags=re.M)
        if n != 1:
            raise SystemExit("calibration: %s does not extend %s" % (scenario, os.path.basename(self.scenario)))
        text = text.replace('"../', '"%s/' % os.path.dirname(os.path.dirname(path)))
        out = os.path.join(self.workdir, "extending_" + os.path.basename(path))
        open(out, "w", encoding="utf-8").write(text)
        return out

    def run(self, name, x, settings=(), replications=1, overrides=True, extending=None):
        """One `motcua run` of the scenario at x, or of `extending` (a scenario that extends it);
        returns (national rows, centers, center rows) of every replication."""
        out = os.path.join(self.workdir, name + ".h5")
        scenario = self.extending_copy(x, extending) if extending else self.scenario_copy(x, overrides)
        cmd = [self.motcua, "run", scenario, "-o", out, "-q",
               "-t", str(self.threads), "-r", str(replications)]
        for s in self.base_settings + list(settings):
            cmd += ["--set", s]
        start = time.time()
        subprocess.run(cmd, check=True)
        self.runs += 1
        self.seconds += time.time() - start
        return read_all(out)


def reception_late(r):
    """Online dossiers received after the reception rule's working hours, or still waiting past them:
    the summary column dossiers_reception_late (schema 12), summed here so that files of schema 11
    read too."""
    return r["dossiers_received_late"] + r["dossiers_awaiting_reception_overdue"]


def portal_on_time(r, channel=None):
    """The on-time rate as the portal rates it (target national_on_time): the dossiers assessed as
    overdue are those past their statutory deadline (finished late or open) and the online ones
    received late or still waiting past the reception rule; one late on both counts counts twice,
    as the portal's two lists count it. channel "online": the online-filed dossiers alone (every
    late reception is theirs)."""
    d = "dossiers_%s_" % channel if channel else "dossiers_"
    overdue = r[d + "late"] + r[d + "open_overdue"] + reception_late(r)
    return 1.0 - overdue / (r[d + "completed"] + r[d + "open_overdue"] + r["dossiers_awaiting_reception_overdue"])


def september_runs(model, x, province, replications=1):
    """A province's launch runs to 31 Aug (62 days) and 30 Sep (92 days): their national rows."""
    return {d: model.run("p%s_%d" % (province, d), x, ['national.provinces = ["%s"]' % province, "run.days = %d" % d],
                         replications)[0] for d in (62, 92)}


def september_overdue(runs):
    """Per replication, the dossiers that became overdue in September (finished late, or open past
    their deadline): the 92-day run's count less the 62-day run's."""
    a, b = runs[62], runs[92]
    return b["dossiers_late"] + b["dossiers_open_overdue"] - a["dossiers_late"] - a["dossiers_open_overdue"]


def unit_value(centers, rows, code, column):
    """A center's column in every replication of a run (array over replications)."""
    idx = [str(c) for c in centers["code"]].index(code)
    return rows[column][rows["center"].astype(int) == idx]


class Evaluation:
    """The fitting targets' model outputs at one point: the national launch run, HCMC alone over
    31 and 50 days (the periods of its published counts), and HCMC and Gia Lai to 31 August and
    30 September (their late receptions of September). `plan` replaces the runs for the small CI
    fit: {"national": [--set lines]} and no province runs."""

    def __init__(self, model, targets, plan=None):
        self.model, self.targets = model, targets
        self.plan = plan or {"national": [], "hcmc_days": {"hcmc_july_dossiers": 31, "hcmc_to_19aug_dossiers": 50},
                             "september_received_late": {"hcmc_september_received_late": HCMC,
                                                         "gia_lai_september_received_late": GIA_LAI},
                             "september_overdue": {"gia_lai_september_overdue": GIA_LAI}}

    def outputs(self, x):
        nat, centers, rows = self.model.run("fit", x, self.plan["national"])
        out, provinces = {}, {}
        september = lambda p: provinces.setdefault(p, september_runs(self.model, x, p))  # noqa: E731  (once per point)
        for t in self.targets:
            tid = t["id"]
            if tid == "national_dossiers":
                out[tid] = nat["dossiers_received"][0]
            elif tid == "national_on_time":
                out[tid] = portal_on_time(nat)[0]
            elif tid in self.plan.get("september_received_late", {}):
                runs = september(self.plan["september_received_late"][tid])
                out[tid] = (reception_late(runs[92]) - reception_late(runs[62]))[0]
            elif tid in self.plan.get("september_overdue", {}):
                out[tid] = september_overdue(september(self.plan["september_overdue"][tid]))[0]
            elif tid.endswith("_on_time") and "unit" in t:
                out[tid] = unit_value(centers, rows, t["unit"], "on_time_rate")[0]
            elif tid in self.plan["hcmc_days"]:
                days = self.plan["hcmc_days"][tid]
                h, *_ = self.model.run("fit_hcmc%d" % days, x,
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


def read_scenario_values(scenario, names):
    return scenario_values(open(os.path.join(ROOT, scenario), encoding="utf-8").read(), names)


def apply(scenario, names, x):
    """Write the fitted values into the scenario's CALIBRATED lines."""
    path = os.path.join(ROOT, scenario)
    text = open(path, encoding="utf-8").read()
    open(path, "w", encoding="utf-8").write(with_values(text, names, x, digits=4))


def main():
    import calibration_report
    from calibration_checks import channel_split, checks, late_steps, sensitivity
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--motcua", default=os.path.join(ROOT, "build/sim/motcua"))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--workdir", help="work folder (default out/calibration, or out/calibration_NAME for a variant)")
    p.add_argument("--apply", action="store_true", help="write the fitted values into the scenario")
    p.add_argument("--variant", help="fit the targets file's [variants.NAME] reading instead (its own page; never --apply)")
    p.add_argument("--no-fit", action="store_true", help="keep the scenario's values; only checks and report")
    p.add_argument("--checks-only", action="store_true",
                   help="keep the last run's fit (state.json); rerun the checks and the sensitivity, rewrite the page")
    p.add_argument("--report-only", action="store_true", help="rewrite the page from the last run's state.json")
    p.add_argument("--channels", action="store_true",
                   help="only run the national launch at the scenario's values (the checks' replications) and "
                        "rewrite the page's table of on-time by filing channel")
    args = p.parse_args()
    cfg = tomllib.load(open(TARGETS, "rb"))
    page, figure = calibration_report.PAGE, calibration_report.FIGURE
    if args.variant:
        if args.apply:
            print("calibration: --apply with --variant: a variant never writes the scenario (the main fit does)",
                  file=sys.stderr)
            return 2
        try:
            cfg = with_variant(cfg, args.variant)
        except ValueError as e:
            print("calibration: --variant:", e, file=sys.stderr)
            return 2
        page = os.path.join(ROOT, cfg["variant"]["page"])
        figure = os.path.join(ROOT, "docs", "images", "calibration_%s_on_time_by_type.png" % args.variant)
    args.workdir = args.workdir or os.path.join(ROOT, "out", "calibration" + ("_" + args.variant if args.variant else ""))
    fc = cfg["fit"]
    names = fc["parameters"]
    model = Model(args.motcua, fc["scenario"], args.workdir, args.threads, parameters=names)
    started = time.time()
    x0 = fc.get("start") or read_scenario_values(fc["scenario"], names)
    ev = Evaluation(model, cfg["target"])
    seen = {}

    def f(x):
        seen[tuple(x)] = ev.outputs(x)
        print("fit %d: %s -> J %.3f" % (len(seen), " ".join("%.4f" % v for v in x), objective(cfg["target"], seen[tuple(x)])),
              flush=True)
        return objective(cfg["target"], seen[tuple(x)])

    state = os.path.join(args.workdir, "state.json")
    if args.channels:  # the channel table alone, without refitting
        # A variant never writes the scenario: its values are its last fit's (state.json).
        x = json.load(open(state, encoding="utf-8"))["x"] if args.variant else read_scenario_values(fc["scenario"], names)
        reps = cfg["checks"]["replications"]
        nat, *_ = model.run("channels_national", x, [], reps)
        calibration_report.write_channels(
            cfg, channel_split(nat), reps, late_steps(nat),
            "`calibration.py --channels`: the national launch run at the scenario's (fitted) values, fixed seed", page)
        return
    if args.report_only:  # the last full run's fit, checks and sensitivity, with their files
        s = json.load(open(state, encoding="utf-8"))
        national = read_all(os.path.join(args.workdir, "check_national.h5"))
        # The tables that are functions of the checks' national run alone are read from it again.
        s["checks"]["channels"], s["checks"]["late_steps"] = channel_split(national[0]), late_steps(national[0])
        calibration_report.write(cfg, s["x0"], s["x"], [(tuple(k), v) for k, v in s["log"]], s["outputs"],
                                 s["checks"], national, s["sensitivity"], s["timing"], page, figure)
        return
    if args.checks_only:  # the last full run's fit kept; checks and sensitivity rerun at its values
        s = json.load(open(state, encoding="utf-8"))
        check_results, national = checks(model, cfg, s["x"])
        s["checks"], s["sensitivity"] = check_results, sensitivity(model, s["x"])
        s["timing"]["checks_rerun_seconds"] = time.time() - started
        json.dump(s, open(state, "w", encoding="utf-8"), indent=1, default=float)
        calibration_report.write(cfg, s["x0"], s["x"], [(tuple(k), v) for k, v in s["log"]], s["outputs"],
                                 check_results, national, s["sensitivity"], s["timing"], page, figure)
        return
    if args.no_fit:
        x0 = read_scenario_values(fc["scenario"], names)
        x, log = x0, [(tuple(x0), f(x0))]
    else:
        x, _, log = fit(f, x0, fc["start_step"], fc["min_step"], fc["bounds"], fc["max_evaluations"])
    fit_seconds = time.time() - started
    if args.apply:
        apply(fc["scenario"], names, x)
    check_results, national = checks(model, cfg, x)
    sens = sensitivity(model, x)
    timing = {"fit_seconds": fit_seconds, "total_seconds": time.time() - started, "runs": model.runs,
              "motcua_seconds": model.seconds}
    json.dump({"x0": x0, "x": x, "log": log, "outputs": seen[tuple(x)], "checks": check_results,
               "sensitivity": sens, "timing": timing}, open(state, "w", encoding="utf-8"), indent=1, default=float)
    calibration_report.write(cfg, x0, x, log, seen[tuple(x)], check_results, national, sens, timing, page, figure)


if __name__ == "__main__":
    sys.exit(main())
