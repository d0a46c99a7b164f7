"""fit_report.py draws `motcua fit`'s JSON: both languages, decimal commas in Vietnamese, rows counted."""
import json

import fit_report


def small_fit():
    est = lambda v: {"value": v, "se": 0.1, "low": v - 0.5, "high": v + 0.5}  # noqa: E731
    hours = [{"hour": h, "tickets": 10.0 if 7 <= h < 11 else 0.0,
              "open_hours": 4.0 if 7 <= h < 11 else 0.0, "per_open_hour": est(2.5)} for h in range(24)]
    weekdays = [{"open_days": 2 if w < 5 else 0, "closed_days": 0, "tickets": 20.0,
                 "per_day": est(10.0), "factor": est(1.0)} for w in range(7)]
    grid = [0.1 * i for i in range(1, 51)]
    domain = {"id": "land", "name": "Đất đai", "tickets": 40, "share": est(1.0),
              "sample": [1.0, 2.0, 2.5, 4.0], "n": 4, "zeros": 0, "mean": est(2.4), "best": "gamma",
              "fits": [{"family": f, "params": [est(1.0)], "log_likelihood": -5.0, "aic": 12.0,
                        "ks": 0.1, "ks_p": 0.9, "mean": 2.4, "density": [0.1] * 50}
                       for f in ("exponential", "gamma", "lognormal")],
              "grid": grid, "qq": {"sample": [1.0, 2.0], "model": [1.1, 2.1]}}
    return {"log": "log.csv", "scenario": "ward.toml", "rows": 45, "kept": 40,
            "dropped": {"online dossier (no ticket)": 5}, "first_day": "08/09/2025",
            "last_day": "09/09/2025", "open_days": 2, "replications": 1, "sessions": [[], [], []],
            "daily_visits": est(20.25), "weekdays": weekdays, "hours": hours, "domains": [domain],
            "patience": {"reneged": 3, "censored": 37, "unknown": 0, "time_at_risk": 100.0,
                         "mean": est(33.3)},
            "counters": [], "officers": [], "served": 37, "reneged": 3, "unserved": 0,
            "wait_mean": est(4.0)}


def test_the_page_has_both_languages_counts_rows_and_uses_decimal_commas(tmp_path):
    path = tmp_path / "w.fit.json"
    path.write_text(json.dumps(small_fit()), encoding="utf-8")
    assert fit_report.main([str(path), "-o", str(tmp_path / "rep")]) == 0
    html = (tmp_path / "rep" / "index.html").read_text(encoding="utf-8")
    assert "Tóm tắt" in html and "Summary" in html
    assert "20,2 [19,8; 20,8]" in html       # Vietnamese: decimal comma
    assert "20.2 [19.8; 20.8]" in html       # English: decimal point
    assert "online dossier (no ticket)" in html and ">5<" in html
    assert html.count("data:image/png;base64,") == 3   # hourly, weekday, one domain


def test_an_unreadable_json_is_bad_input(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{", encoding="utf-8")
    assert fit_report.main([str(path), "-o", str(tmp_path / "rep")]) == 2
