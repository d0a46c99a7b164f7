"""The calibration's fit machinery: the compass search on known functions, and on the model itself
recovering the parameter values that made its own targets (docs/calibration.md, "CI")."""
import math
import os

import numpy as np
import pytest

import calibration
import calibration_checks
import calibration_report

SCENARIO = "scenarios/national/launch_2025.toml"


def test_the_compass_search_walks_the_grid_to_a_quadratics_minimum():
    # Minimum at (1.3, 2.5), on the grid of start (1.0, 1.5) and steps (0.1, 0.25).
    f = lambda x: (x[0] - 1.3) ** 2 + 4 * (x[1] - 2.5) ** 2  # noqa: E731
    x, best, log = calibration.fit(f, [1.0, 1.5], [0.1, 0.25], [0.05, 0.1], [[0, 3], [0, 3]], 100)
    assert x == [1.3, 2.5] and best == 0.0
    assert len(log) == len({k for k, _ in log})  # each grid point is run once


def test_the_returned_point_is_no_worse_than_its_neighbours_at_the_final_step():
    # Minimum off the grid: the answer must still be a local grid minimum at the finest step tried (0.05: the next halving, 0.025, is below the minimum).
    f = lambda x: abs(x[0] - 1.234) + abs(x[1] - 0.777)  # noqa: E731
    x, best, _ = calibration.fit(f, [1.0, 1.0], [0.2, 0.2], [0.05, 0.05], [[0, 3], [0, 3]], 200)
    for i in range(2):
        for d in (-0.05, 0.05):
            y = list(x)
            y[i] += d
            assert best <= f(y)
    assert abs(x[0] - 1.234) <= 0.05 and abs(x[1] - 0.777) <= 0.05


def test_the_search_stops_at_its_evaluation_budget():
    calls = []
    f = lambda x: calls.append(x) or (x[0] - 2.0) ** 2  # noqa: E731
    calibration.fit(f, [0.0, 0.0], [0.01, 0.01], [0.001, 0.001], [[-9, 9], [-9, 9]], 7)
    assert len(calls) == 7


def test_the_fit_recovers_the_values_that_made_its_targets_on_a_small_province(tmp_path, motcua_binary):
    # Điện Biên (45 centers), 10 days: about 0.4 s a run. Targets are the model's own outputs at a
    # known point of the search grid; with the scenario's fixed seed (common random numbers) the
    # objective there is exactly 0, and dossiers grow with the visit rate while on-time falls
    # with the back-office factor, so the search must walk to it.
    model = calibration.Model(motcua_binary, SCENARIO, str(tmp_path), threads=2,
                              base_settings=['national.provinces = ["11"]', "run.days = 10"])
    targets = [{"id": "national_dossiers", "kind": "relative", "sigma": 0.03},
               {"id": "national_on_time", "kind": "absolute", "sigma": 0.01},
               {"id": "dien_bien_on_time", "unit": "03127", "kind": "absolute", "sigma": 0.01}]
    ev = calibration.Evaluation(model, targets, {"national": [], "hcmc_days": {}})
    truth = [1.2, 2.0]
    made = ev.outputs(truth)
    for t in targets:
        t["published"] = made[t["id"]]
    f = lambda x: calibration.objective(targets, ev.outputs(x))  # noqa: E731
    x, best, log = calibration.fit(f, [1.0, 1.5], [0.1, 0.25], [0.1, 0.25], [[0.6, 2.0], [1.0, 3.0]], 24)
    assert x == truth and best == 0.0
    assert all(v > 0 for k, v in log if list(k) != truth)  # no other grid point fits exactly
    assert not math.isinf(best)


def test_the_channel_split_reads_each_channels_rate_and_its_share_of_the_dossiers():
    # Two replications; online 30 and 20 of 100 dossiers, so its share is the mean of 0.3 and 0.2.
    nat = {"dossiers_received": np.array([100.0, 100.0]),
           "dossiers_online_received": np.array([30.0, 20.0]),
           "dossiers_counter_received": np.array([70.0, 80.0]),
           "on_time_rate": np.array([0.9, 0.8]), "on_time_rate_online": np.array([0.8, 0.6]),
           "on_time_rate_counter": np.array([0.95, 0.85])}
    split = calibration_checks.channel_split(nat)
    assert list(split) == ["online-filed", "counter-filed", "all"]
    assert split["online-filed"]["on_time"]["mean"] == pytest.approx(0.7)
    assert split["online-filed"]["share"] == pytest.approx(0.25)
    assert split["counter-filed"]["received"]["mean"] == 75.0
    assert split["all"]["on_time"]["mean"] == pytest.approx(0.85) and split["all"]["share"] == 1.0


def test_the_late_dossiers_split_by_step_holds_each_steps_mean_and_its_share_of_the_late():
    # Two replications with 100 and 300 late dossiers (mean 200); the specialist step holds 60 and
    # 140 (mean 100: half of the mean late), the result step the other 40 and 160 (mean 100).
    zero = np.array([0.0, 0.0])
    nat = {"dossiers_late": np.array([100.0, 300.0]), "dossiers_late_specialist": np.array([60.0, 140.0]),
           "dossiers_late_result": np.array([40.0, 160.0]), "dossiers_late_citizen": zero,
           "dossiers_late_agency": zero, "dossiers_late_signature": zero}
    steps = calibration_checks.late_steps(nat)
    assert list(steps) == ["specialist", "citizen", "agency", "signature", "result"]
    assert steps["specialist"]["late"]["mean"] == 100.0 and steps["specialist"]["share"] == 0.5
    assert steps["result"]["share"] == 0.5 and steps["agency"]["share"] == 0.0
    assert sum(v["share"] for v in steps.values()) == pytest.approx(1.0)
    table = calibration_report.channels_table(
        {"target": [{"id": "national_on_time", "published": 0.91}]},
        calibration_checks.channel_split({**nat, "dossiers_received": np.array([1.0, 1.0]),
                                   "dossiers_online_received": zero, "dossiers_counter_received": np.array([1.0, 1.0]),
                                   "on_time_rate": zero, "on_time_rate_online": zero, "on_time_rate_counter": zero}),
        2, "a run", steps)
    assert sum(1 for line in table if line.startswith("| specialist |") or line.startswith("| result |")) == 2


def test_the_channel_table_is_rewritten_between_its_markers_and_nowhere_else():
    text = "before\n%s\nold table\n%s\nafter\n" % (calibration_report.CHANNELS_BEGIN, calibration_report.CHANNELS_END)
    out = calibration_report.replace_between(text, calibration_report.CHANNELS_BEGIN,
                                             calibration_report.CHANNELS_END, ["NEW"])
    assert out == "before\nNEW\nafter\n"
    with pytest.raises(SystemExit):
        calibration_report.replace_between("no markers", calibration_report.CHANNELS_BEGIN,
                                           calibration_report.CHANNELS_END, ["NEW"])


def test_septembers_split_by_center_finds_the_centers_behind_and_rates_the_rest():
    # Two centers, two replications; 31 Aug (62 days) and 30 Sep (92 days). In September center 0
    # settles 100 dossiers per replication, 90 on time; center 1 settles 50, 10 on time.
    def run(on_time, completed, overdue, not_due, received):
        rows = {"replication": np.array([0, 0, 1, 1]), "center": np.array([0, 1, 0, 1]),
                "dossiers_on_time": np.array(on_time, float), "dossiers_completed": np.array(completed, float),
                "dossiers_open_overdue": np.array(overdue, float), "dossiers_open_not_due": np.array(not_due, float),
                "dossiers_received": np.array(received, float)}
        return None, {"code": np.array(["1", "2"]), "name": np.array(["A", "B"])}, rows
    aug = run([500, 200, 500, 200], [550, 300, 550, 300], [0, 100, 0, 100], [10, 40, 10, 40], [560, 440, 560, 440])
    sep = run([590, 210, 590, 210], [650, 350, 650, 350], [0, 100, 0, 100], [12, 30, 12, 30], [662, 480, 662, 480])
    split = calibration_checks.september_by_center({62: aug, 92: sep})
    assert [c["name"] for c in split["low"]] == ["B"]
    b = split["low"][0]
    assert b["on_time"] == pytest.approx(10 / 50)
    assert b["share"] == pytest.approx(100 / 300)  # its settled dossiers over both centers'
    assert (b["open_aug"], b["open_sep"], b["received_sep"]) == (140, 130, 40)
    assert split["others_on_time"] == pytest.approx(90 / 100)
    assert split["all_on_time"] == pytest.approx(200 / 300)
    assert "B (33.3 % of the month's settled dossiers, 20.0 % on time; open dossiers 140" in \
        calibration_report.september_lines(split)[1]


def test_septembers_lateness_counts_reception_and_processing_apart_and_shares_them_by_cause():
    # One replication. By 31 Aug: 40 dossiers finished late (10 at the result step), 5 open past
    # their deadline, 30 online dossiers received late and 4 waiting past the reception rule.
    # By 30 Sep: 100 late (40 at the result step), 7 open overdue, 80 received late, 2 waiting.
    def run(late, result, open_overdue, received_late, waiting):
        return {k: np.array([v], float) for k, v in (
            ("dossiers_late", late), ("dossiers_late_result", result), ("dossiers_open_overdue", open_overdue),
            ("dossiers_received_late", received_late), ("dossiers_awaiting_reception_overdue", waiting))}
    sep = calibration_checks.september_lateness({62: run(40, 10, 5, 30, 4), 92: run(100, 40, 7, 80, 2)})
    assert sep["received_late"][0] == (80 + 2) - (30 + 4)  # 48 became late to receive in September
    assert sep["overdue"][0] == (100 + 7) - (40 + 5)       # 62 became overdue
    assert sep["it_share"][0] == pytest.approx(30 / (60 + 48))  # 30 of the 108 late in either way


def test_the_payment_line_sets_the_models_fee_per_payment_beside_the_published_one():
    line = calibration_report.payment_lines({"vnd_per_payment": 20000.0})[1]
    # 1.7e12 / 3e6 = 566,667 VND, 28.3 times 20,000.
    assert "average 20,000 VND per online payment" in line
    assert "average 566,667 VND" in line and "28 times as much" in line
    assert calibration_report.payment_lines({}) == []


def test_the_two_synchronisation_factors_are_read_and_written_on_their_own_lines():
    text = ("[national]\nsync_failure_factor = 2.0   # other provinces\n[[classes]]\nvisits_per_1000_per_day = 1.1\n"
            "[[classes]]\nvisits_per_1000_per_day = 1.1\n[provinces.79]\nsync_failure_factor = 0.5   # HCMC\n")
    names = ["visits_per_1000_per_day", "sync_failure_factor", "hcmc_sync_failure_factor"]
    assert calibration.scenario_values(text, names) == [1.1, 2.0, 0.5]
    out = calibration.with_values(text, names, [1.25, 3.0, 0.125], digits=4)
    assert out.count("visits_per_1000_per_day = 1.2500") == 2  # every class's rate
    assert "sync_failure_factor = 3.0000   # other provinces" in out
    assert "[provinces.79]\nsync_failure_factor = 0.1250   # HCMC" in out
    assert calibration.scenario_values(out, names) == [1.25, 3.0, 0.125]
    with pytest.raises(SystemExit):
        calibration.scenario_values("[national]\n", ["hcmc_sync_failure_factor"])


def test_the_launch_scenario_holds_every_parameter_the_fit_names():
    cfg = calibration.tomllib.load(open(calibration.TARGETS, "rb"))
    values = calibration.read_scenario_values(cfg["fit"]["scenario"], cfg["fit"]["parameters"])
    assert len(values) == len(cfg["fit"]["parameters"]) == len(cfg["fit"]["start"])


def test_the_fit_recovers_a_synchronisation_factor_written_into_the_scenario_copy(tmp_path, motcua_binary):
    # As above, with the other provinces' synchronisation factor as the second parameter: it
    # reaches the run through the scenario copy's [national] line, and on-time falls as it grows.
    names = ["visits_per_1000_per_day", "sync_failure_factor"]
    model = calibration.Model(motcua_binary, SCENARIO, str(tmp_path), threads=2,
                              base_settings=['national.provinces = ["11"]', "run.days = 10"], parameters=names)
    targets = [{"id": "national_dossiers", "kind": "relative", "sigma": 0.03},
               {"id": "national_on_time", "kind": "absolute", "sigma": 0.01}]
    ev = calibration.Evaluation(model, targets, {"national": [], "hcmc_days": {}})
    truth = [1.2, 3.0]
    made = ev.outputs(truth)
    for t in targets:
        t["published"] = made[t["id"]]
    assert made["national_on_time"] < ev.outputs([1.2, 1.0])["national_on_time"]
    f = lambda x: calibration.objective(targets, ev.outputs(x))  # noqa: E731
    x, best, _ = calibration.fit(f, [1.0, 2.0], [0.1, 0.5], [0.1, 0.5], [[0.6, 2.0], [0.1, 10.0]], 24)
    assert x == truth and best == 0.0


def test_a_fitted_value_on_a_bound_of_the_search_is_marked():
    assert calibration_report.bound_note(0.0, 0.0, 5.0) == " **at its lower bound**"
    assert calibration_report.bound_note(5.0, 0.0, 5.0) == " **at its upper bound**"
    assert calibration_report.bound_note(2.9, 0.1, 10.0) == ""


def test_the_portal_reading_counts_late_receptions_and_overdue_processing_as_overdue():
    # 1,000 settled (950 completed, 50 open overdue), 30 finished late, 20 received late and 10
    # still waiting past the rule: (30 + 50 + 20 + 10) assessed overdue of 1,000 + 10.
    r = {"dossiers_late": np.array([30.0]), "dossiers_open_overdue": np.array([50.0]),
         "dossiers_completed": np.array([950.0]), "dossiers_received_late": np.array([20.0]),
         "dossiers_awaiting_reception_overdue": np.array([10.0])}
    assert calibration.portal_on_time(r)[0] == pytest.approx(1 - 110 / 1010)
    split = calibration_checks.channel_split({**r, "dossiers_received": np.array([1100.0]),
                                              "dossiers_online_received": np.array([300.0]),
                                              "dossiers_counter_received": np.array([800.0]),
                                              "on_time_rate": np.array([0.92]), "on_time_rate_online": np.array([0.9]),
                                              "on_time_rate_counter": np.array([0.93]),
                                              "dossiers_online_late": np.array([12.0]),
                                              "dossiers_online_open_overdue": np.array([8.0]),
                                              "dossiers_online_completed": np.array([280.0])})
    assert split[calibration_checks.PORTAL]["on_time"]["mean"] == pytest.approx(1 - 110 / 1010)
    assert split[calibration_checks.PORTAL]["share"] == 1.0
    # The online-filed alone: 12 late, 8 open overdue, and all 30 reception lates are theirs, of
    # 280 + 8 settled and 10 waiting past the rule.
    online = split[calibration_checks.PORTAL_ONLINE]
    assert online["on_time"]["mean"] == pytest.approx(1 - (12 + 8 + 30) / (280 + 8 + 10))
    assert online["share"] == pytest.approx(300 / 1100)


def test_the_miss_shares_are_read_and_written_inside_their_own_tables():
    text = ("[national]\nsync_failure_factor = 2.0\nreception_miss_share = 0.0250  # others\n[[classes]]\n"
            "visits_per_1000_per_day = 1.1\n[provinces.79]\nsync_failure_factor = 0.5\n"
            "reception_miss_share = 0.2000  # HCMC\n")
    names = ["sync_failure_factor", "hcmc_sync_failure_factor", "reception_miss_share", "hcmc_reception_miss_share"]
    assert calibration.scenario_values(text, names) == [2.0, 0.5, 0.025, 0.2]
    out = calibration.with_values(text, names, [3.0, 0.25, 0.03, 0.15], digits=4)
    assert "reception_miss_share = 0.0300  # others\n[[classes]]" in out
    assert "sync_failure_factor = 0.2500\nreception_miss_share = 0.1500  # HCMC" in out
    assert calibration.scenario_values(out, names) == [3.0, 0.25, 0.03, 0.15]
    with pytest.raises(SystemExit):  # no key inside [national]: the one under [provinces.79] is not taken
        calibration.scenario_values("[national]\nx = 1\n[provinces.79]\nreception_miss_share = 0.2\n",
                                    ["reception_miss_share"])


def test_the_steady_state_copy_extends_the_launch_copy_with_the_values(tmp_path, motcua_binary):
    names = ["reception_miss_share"]
    model = calibration.Model(motcua_binary, SCENARIO, str(tmp_path), parameters=names)
    path = model.extending_copy([0.125], calibration.STEADY)
    text = open(path, encoding="utf-8").read()
    assert 'extends = "%s"' % os.path.join(str(tmp_path), "scenario_with.toml") in text
    assert "reception_miss_share = 0.125000" in open(os.path.join(str(tmp_path), "scenario_with.toml")).read()
    nat, *_ = model.run("steady", [0.125], ['national.provinces = ["11"]', "run.days = 3"], extending=calibration.STEADY)
    assert nat["dossiers_received"][0] > 0


def test_a_provinces_september_late_receptions_come_from_its_miss_share(tmp_path, motcua_binary):
    # Điện Biên's centers have slack between tickets, so without misses no online dossier is
    # received late; with one in ten missed (noticed after the templates' 10 working days) about a
    # tenth of September's online dossiers are, through the scenario copy's [national] line. The
    # band (x0.5 to x1.5 of a tenth) is for the window, not chance: the late receptions counted are
    # those falling due in September, not those filed in it; the binomial spread of a tenth of some
    # thousands of dossiers is a few per cent of it.
    model = calibration.Model(motcua_binary, SCENARIO, str(tmp_path), parameters=["reception_miss_share"])
    runs = {share: calibration.september_runs(model, [share], "11") for share in (0.0, 0.1)}
    late = {share: (calibration.reception_late(r[92]) - calibration.reception_late(r[62]))[0] for share, r in runs.items()}
    online = runs[0.1][92]["dossiers_online"][0] - runs[0.1][62]["dossiers_online"][0]
    assert late[0.0] == 0
    assert 0.05 * online < late[0.1] < 0.15 * online


def test_a_variant_swaps_a_target_for_a_check_and_keeps_the_main_fit_unchanged():
    cfg = {"fit": {"start": [1.0, 2.0]},
           "target": [{"id": "a", "why": "A.", "sigma": 0.01, "kind": "absolute"}, {"id": "b", "why": "B."}],
           "check": [{"id": "c", "why": "C.", "band": [1, 2]}, {"id": "d", "why": "D.", "band": [3, 4]}],
           "variants": {"v": {"start": [5.0, 6.0], "demote": {"a": {"band": [0.5, 0.7], "why_variant": "now a check"}},
                              "promote": {"c": {"kind": "relative", "sigma": 0.5, "why_variant": "now a target"}}}}}
    out = calibration.with_variant(cfg, "v")
    assert [t["id"] for t in out["target"]] == ["b", "c"]
    assert [c["id"] for c in out["check"]] == ["d", "a"]
    promoted, demoted = out["target"][1], out["check"][1]
    assert (promoted["kind"], promoted["sigma"], promoted["band"]) == ("relative", 0.5, [1, 2])
    assert promoted["why"] == "C. VARIANT v: now a target" and "why_variant" not in promoted
    assert demoted["band"] == [0.5, 0.7] and demoted["why"] == "A. VARIANT v: now a check"
    assert out["fit"]["start"] == [5.0, 6.0] and out["variant"]["name"] == "v"
    assert cfg["fit"]["start"] == [1.0, 2.0] and [t["id"] for t in cfg["target"]] == ["a", "b"]  # untouched
    with pytest.raises(ValueError, match="no variant 'w'.*variants: v"):
        calibration.with_variant(cfg, "w")
    cfg["variants"]["v"]["promote"]["zz"] = {"why_variant": "?"}
    with pytest.raises(ValueError, match="moves zz, not in the file"):
        calibration.with_variant(cfg, "v")


def test_every_variant_of_the_targets_file_moves_entries_that_exist_and_starts_inside_the_bounds():
    cfg = calibration.tomllib.load(open(calibration.TARGETS, "rb"))
    assert cfg["variants"]  # national_91: the reading of stop 32 (stop 33)
    for name in cfg["variants"]:
        out = calibration.with_variant(cfg, name)
        assert len(out["target"]) > len(out["fit"]["parameters"])  # more targets than free parameters
        assert all(lo <= v <= hi for v, (lo, hi) in zip(out["fit"]["start"], out["fit"]["bounds"]))
        assert all("band" in c for c in out["check"]) and all("sigma" in t for t in out["target"])


def test_a_provinces_september_overdue_is_the_late_and_open_overdue_gained_between_its_two_runs():
    runs = {62: {"dossiers_late": np.array([40.0]), "dossiers_open_overdue": np.array([10.0])},
            92: {"dossiers_late": np.array([100.0]), "dossiers_open_overdue": np.array([4.0])}}
    assert calibration.september_overdue(runs)[0] == 54.0  # (100 + 4) - (40 + 10)


def test_the_calibration_refuses_apply_with_a_variant_and_an_unknown_variant_with_exit_2(capsys, monkeypatch):
    monkeypatch.setattr("sys.argv", ["calibration.py", "--variant", "provinces", "--apply"])
    assert calibration.main() == 2
    monkeypatch.setattr("sys.argv", ["calibration.py", "--variant", "nonesuch"])
    assert calibration.main() == 2
    assert "no variant 'nonesuch'" in capsys.readouterr().err
