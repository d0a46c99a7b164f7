"""policy_results.py and calibration.py read their runs through the report's reader."""
import datetime

import pytest

import calibration
import h5files
import policy_results


def test_policy_results_reads_differences_working_days_and_replications(tmp_path):
    path = h5files.compare_file(
        str(tmp_path / "p.h5"), [("fewer", "wait_mean", "lower", 10.0, -1.0, -2.0, -0.5, 0.5, 0.25, 0.25)],
        shares=False)
    rows, working, reps = policy_results.read_comparison(path, variants=["base", "fewer"])
    assert working == 2
    assert rows[("fewer", "wait_mean")]["better_share"] == 0.5  # win_share in an older file
    assert rows[("fewer", "wait_mean")]["diff_low"] == -2.0
    assert len(reps["fewer"]["wait_mean"]) == 2


def test_a_policy_cell_is_bold_when_the_interval_excludes_zero():
    row = {"diff_mean": -1.0, "diff_low": -2.0, "diff_high": -0.5}
    assert policy_results.cell(row, "{:+.2f}", 1.0) == "**-1.00 [-2.00, -0.50]**"
    row["diff_high"] = 0.5
    assert policy_results.cell(row, "{:+.2f}", 1.0) == "-1.00 [-2.00, +0.50]"


def test_calibration_reads_the_first_replication_of_a_national_file(tmp_path):
    path = h5files.national_file(str(tmp_path / "n.h5"))
    nat, centers, res = calibration.read_national(path)
    assert nat["dossiers_received"] == 300.0
    assert list(centers["province"]) == ["01", "01", "02"]
    assert list(res["wait_mean"]) == [40.0, 10.0, 20.0]


def test_the_launch_period_has_53_working_days():
    # July 2025: 23 weekdays; August: 21; 1-15 September: 11 weekdays less the holidays 1-2 Sep.
    assert calibration.working_days(datetime.date(2025, 7, 1), datetime.date(2025, 9, 15)) == 53


def test_hcmc_dossiers_are_summed_over_its_centers_per_working_day():
    centers = {"province": ["79", "01", "79"]}
    res = {"dossiers_received": [53.0, 1000.0, 106.0]}
    assert calibration.hcmc_per_working_day(centers, res, "dossiers_received") == pytest.approx(3.0)
