#!/usr/bin/python3
"""Calibration of the national launch-period scenario against the ministry's published figures.

    /usr/bin/python3 analysis/calibration.py [--motcua build/sim/motcua] [--tune] [--threads 2]

Without --tune it runs scenarios/national/launch_2025.toml once and writes docs/calibration.md:
the simulated national and named-unit figures next to the published ones (DOMAIN.md).
With --tune it first searches the two calibrated parameters and writes them into the scenario
(the lines marked CALIBRATED):
  1. visits_per_1000_per_day (one value for every class), so that the dossiers received from
     1 July to 15 September 2025 (counter and online, see TARGET_DOSSIERS) total 6.6 million.
  2. back_office_time_factor, by bisection, until the on-time rate is within 0.5 points of 91 %.
HCMC's published dossiers per working day are then an independent check, not a target.
Each run of the whole country takes a few minutes on two cores. Only the HDF5 output is read.
"""
import argparse
import datetime
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from motcua_report import reader  # noqa: E402  (the one HDF5 reader of analysis/)

SCENARIO = "scenarios/national/launch_2025.toml"
# DOMAIN.md, C1: 6.6 million "online dossiers" received 1 Jul - 15 Sep 2025. The national portal
# counts dossiers keyed in at the counter as online too (research sheet, C2-C3), so the figure is
# compared with all dossiers received (counter and online); see docs/calibration.md.
TARGET_DOSSIERS = 6.6e6
TARGET_ON_TIME = 0.91   # DOMAIN.md, C1: handled on time
TARGET_HCMC = 366897 / 23  # C6: HCMC dossiers by 31 Jul 2025 over July's 23 working days (a check)
BANDS = {"online": 0.10, "on_time": 0.03}  # the calibration bands (±10 %, ±3 points)


def run(args, settings, path):
    cmd = [args.motcua, "run", SCENARIO, "-o", path, "-q", "--threads", str(args.threads)]
    for s in settings:
        cmd += ["--set", s]
    subprocess.run(cmd, check=True)
    return read_national(path)


def read_national(path):
    """(national row of the first replication, /centers, /center_results of that replication)
    of a national results file, through the report's reader. Each table is a dict of columns."""
    with reader.open_file(path) as f:
        res = reader.NationalResults(f)
        nat = {k: float(v) for k, v in res.table("national_results").iloc[0].items()}
        centers = {k: v.to_numpy() for k, v in res.table("centers").items()}
        rows = res.table("center_results")
        if "replication" in rows:
            rows = rows[rows["replication"] == rows["replication"].min()]
        return nat, centers, {k: v.to_numpy() for k, v in rows.items()}


def read_params():
    """The calibrated values in the scenario: visit rates (one per class) and the back-office
    time factor."""
    s = open(SCENARIO, encoding="utf-8").read()
    rates = [float(x) for x in re.findall(r"^visits_per_1000_per_day = ([0-9.]+)", s, re.M)]
    factor = float(re.search(r"^back_office_time_factor = ([0-9.]+)", s, re.M).group(1))
    return rates, factor


def write_params(rates, factor):
    s = open(SCENARIO, encoding="utf-8").read()
    it = iter(rates)
    s = re.sub(r"^visits_per_1000_per_day = [0-9.]+", lambda m: "visits_per_1000_per_day = %.4f" % next(it), s, flags=re.M)
    s = re.sub(r"^back_office_time_factor = [0-9.]+", "back_office_time_factor = %.4f" % factor, s, flags=re.M)
    open(SCENARIO, "w", encoding="utf-8").write(s)


def working_days(first, last):
    """Monday-Friday from first to last without the National Day holidays 1-2 Sep 2025
    (scenarios/calendar/vietnam_holidays.toml)."""
    day, n = first, 0
    while day <= last:
        n += day.weekday() < 5 and day not in (datetime.date(2025, 9, 1), datetime.date(2025, 9, 2))
        day += datetime.timedelta(days=1)
    return n


def hcmc_per_working_day(centers, res, column):
    prov = [str(p) for p in centers["province"]]
    days = working_days(datetime.date(2025, 7, 1), datetime.date(2025, 9, 15))
    return sum(res[column][i] for i, p in enumerate(prov) if p == "79") / days


def tune(args, log):
    """The visit rate from the dossier total, then the back-office time factor by bisection.

    Dossiers received (counter and online) grow in proportion to the visit rate, except for the
    few citizens who give up before filing, so two rescalings from runs meet the total. The
    on-time rate falls as back-office work per dossier grows."""
    rates, factor = read_params()
    path = os.path.join(args.workdir, "tune.h5")
    for step in range(0 if args.keep_rate else 2):
        write_params(rates, factor)
        nat, *_ = run(args, [], path)
        log.append(("rate %d" % (step + 1), rates[:], factor, nat["dossiers_received"], nat["on_time_rate"]))
        rates = [r * TARGET_DOSSIERS / nat["dossiers_received"] for r in rates]
    lo, hi = 1.0, 8.0  # bracket of the time factor
    factor = max(factor, lo)
    best = None
    for step in range(args.steps):
        write_params(rates, factor)
        nat, *_ = run(args, [], path)
        log.append(("time factor %d" % (step + 1), rates[:], factor, nat["dossiers_received"], nat["on_time_rate"]))
        err = nat["on_time_rate"] - TARGET_ON_TIME
        if best is None or abs(err) < abs(best[1]):
            best = (factor, err)
        if abs(err) < 0.005:
            break
        if err > 0:
            lo = factor  # too punctual: more work per dossier
        else:
            hi = factor
        factor = math.sqrt(lo * hi) if hi < 8.0 or err < 0 else factor * 1.5
    write_params(rates, best[0])  # the best factor actually run, not an untried one
    return rates, best[0]


def fmt(x, d=0):
    return "{:,.{d}f}".format(x, d=d)


def report(args, log):
    path = os.path.join(args.workdir, "launch.h5")
    nat, centers, res = run(args, [], path)
    rates, factor = read_params()
    codes = [str(c) for c in centers["code"]]
    prov = [str(p) for p in centers["province"]]
    days_wd = working_days(datetime.date(2025, 7, 1), datetime.date(2025, 9, 15))
    def unit(code):
        i = codes.index(code)
        return {k: res[k][i] for k in res}
    hcmc = [i for i, p in enumerate(prov) if p == "79"]
    phutho = [i for i, p in enumerate(prov) if p == "25"]
    lines = ["# Calibration", "",
             "Generated by `analysis/calibration.py` from one run of `%s` (1 replication, seed of the"
             " file); do not edit by hand." % SCENARIO, "",
             "## Published figures and the simulation", "",
             "| figure | published | simulated | band | within |", "|---|---|---|---|---|"]
    rec = nat["dossiers_received"]
    ok_rec = abs(rec / TARGET_DOSSIERS - 1) <= BANDS["online"]
    ot = nat["on_time_rate"]
    ok_time = abs(ot - TARGET_ON_TIME) <= BANDS["on_time"]
    lines.append("| dossiers received through the system (counter and online), 1 Jul - 15 Sep 2025 | 6.6 million \"online dossiers\" (C1; see below) | %s | ±10 %% | %s |" % (fmt(rec), "yes" if ok_rec else "**no**"))
    lines.append("| of those, filed online by the citizen | not published (C4: about 17 %% end-to-end online in October) | %s (%.0f %%) | — | for information |" % (fmt(nat["dossiers_online"]), 100 * nat["dossiers_online"] / rec))
    lines.append("| share handled on time | 91 %% (C1) | %.1f %% | ±3 points | %s |" % (100 * ot, "yes" if ok_time else "**no**"))
    lines.append("| HCMC units simulated | 168 | %d | exact | %s |" % (len(hcmc), "yes" if len(hcmc) == 168 else "**no**"))
    lines.append("| Phú Thọ units / planning population | 148 / 4.02 million | %d / %s | exact | %s |" % (
        len(phutho), fmt(sum(res["population"][i] for i in phutho)), "yes" if len(phutho) == 148 else "**no**"))
    hcmc_dossiers = hcmc_per_working_day(centers, res, "dossiers_received")
    ok_h = abs(hcmc_dossiers / TARGET_HCMC - 1) <= 0.25
    lines.append("| HCMC dossiers per working day (counter and online) | about 16,000 (366,897 by 31 Jul, C6) | %s | ±25 %% (a check, not tuned) | %s |" % (fmt(hcmc_dossiers), "yes" if ok_h else "**no**"))
    pm = unit("26704")
    lines.append("| phường Phú Mỹ (HCMC) dossiers a day | over 1,200 (seed 003; not found elsewhere, C8) | %s | — | **no**: see below |" % fmt(pm["dossiers_received"] / days_wd))
    da = unit("25942")
    lines.append("| phường Dĩ An (HCMC) planning population | 227,000 | %s | — | yes |" % fmt(da["population"]))
    lines.append("| phường Dĩ An mean wait | tens of minutes at ordinary load (DOMAIN.md) | %.1f min | — | for information |" % da["wait_mean"])
    lines += ["", "## Tuned parameters", "",
              "| parameter | value | how |", "|---|---|---|",
              "| `visits_per_1000_per_day` (every class) | %s | one common factor so that the dossiers received total 6.6 million (two rescalings: dossiers grow in proportion to it, but for the few who give up before filing) |" % ", ".join("%.3f" % r for r in rates),
              "| `back_office_time_factor` | %.3f | bisection until the on-time rate is within 0.5 points of 91 %% (the best value run is kept) |" % factor, ""]
    if log and not any(name.startswith("rate") for name, *_ in log):
        lines += ["The visit rate was kept from the scenario file (`--tune --keep-rate`); it came from an"
                  " earlier `--tune`, whose two rescalings went 1.500 → 1.159 → 1.156.", ""]
    if log:
        lines += ["Search log of the last `--tune`:", "", "| run | visit rate | back_office_time_factor | dossiers received | on time |", "|---|---|---|---|---|"]
        for name, r, c, o, t in log:
            lines.append("| %s | %.3f | %.3f | %s | %.2f %% |" % (name, r[0], c, fmt(o), 100 * t))
        lines.append("")
    lines += ["## What the calibration means", "",
              "* The targets are totals over 1 July - 15 September 2025 (77 days, %d working days; HCMC's"
              " July figure is used as a per-working-day rate for the whole period)."
              " Only two parameters were tuned; everything else comes from the templates and the"
              " launch-period fault model (`scenarios/systems/launch_2025.toml`), whose values are"
              " sourced or marked ASSUMPTION in docs/model.md." % days_wd,
              "* The visit rate is per 1,000 **planning** residents (quy mô dân số, 113.7 million in all),"
              " not census residents (about 101.3 million): per census resident it is %.3f a day." % (rates[0] * 113.7 / 101.3),
              "* **Why back-office work takes longer.** With the templates' back-office minutes and"
              " staffing, the launch-period fault model alone leaves about 98 %% of dossiers on time."
              " The seeds report that commune staff could not yet do many of the procedures newly"
              " devolved to them and lacked digital skills (DOMAIN.md); the calibration expresses this"
              " as back-office work taking %.2f times the templates' minutes during the launch"
              " period (ASSUMPTION; the data cannot tell it apart from fewer staff, and"
              " `back_office_capacity` was first tried: with at least one worker per center its floor"
              " left the on-time rate at 95 %%). Near saturation the on-time rate changes steeply with"
              " this factor (search log)." % factor,
              "* **Which dossiers the 6.6 million are.** The ministry calls them online dossiers, but the"
              " national portal counts dossiers keyed in by staff at the counter as online too (C2-C3),"
              " and end-to-end online filing was only about 17 %% in October (C4). The run's dossiers"
              " filed online by the citizens themselves (%s, %.0f %% of all) would have to grow %.1f-fold"
              " to reach 6.6 million. Compared with all dossiers received, one visit rate meets the"
              " figure, and HCMC's 16,000 a working day then follows without tuning (row above). The"
              " simulation therefore compares it with all dossiers received (ASSUMPTION)."
              % (fmt(nat["dossiers_online"]), 100 * nat["dossiers_online"] / rec, TARGET_DOSSIERS / max(nat["dossiers_online"], 1)),
              "* phường Phú Mỹ's 1,200 dossiers a day are not reproduced: with the national visit rate,"
              " its 78,641 planning residents bring %s a working day. Either the figure counts"
              " something else (it was not found in any other source, C8), or Phú Mỹ's demand per resident"
              " (an industrial and port area with many businesses) is far above the average. A province"
              " override cannot fix one ward; a per-unit demand override is left for later."
              % fmt(pm["dossiers_received"] / days_wd),
              ""]
    open("docs/calibration.md", "w", encoding="utf-8").write("\n".join(lines))
    print("wrote docs/calibration.md")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--motcua", default="build/sim/motcua")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tune", action="store_true")
    p.add_argument("--keep-rate", action="store_true", help="tune only the back-office time factor")
    p.add_argument("--steps", type=int, default=7)
    p.add_argument("--workdir", default="out/calibration")
    args = p.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    log = []
    if args.tune:
        tune(args, log)
    report(args, log)


if __name__ == "__main__":
    sys.exit(main())
