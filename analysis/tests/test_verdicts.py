"""Verdicts lead with everyone who came (issue 15, items 3-5): the service level and the unserved
share first, a shorter wait never sold as better when fewer were served, ties as ties, and no
interval for one replication."""
import math

import h5files
from motcua_report import blocks, comparison, facts, main, reader, summary_text


def sentences(path, lang):
    with reader.open_file(path) as f:
        res = reader.base_results(f)
        fa = facts.all_facts(res, reader.comparison(f), reader.verdicts(f))
        return summary_text.sentences(fa, lang)


def test_the_summary_leads_with_service_level_and_unserved_share(tmp_path):
    intro, body = sentences(h5files.center_file(str(tmp_path / "c.h5")), "en")
    # Service level 0.80 and 0.75: 77.5 %, shown without decimals above 10 (half to even: 78).
    assert body[0].startswith("78 % of all visits were served within 30 minutes (46–100 %)")
    assert "went home unserved" in body[0]
    assert body.index(next(s for s in body if "waited" in s)) > 1  # the wait comes later


def test_the_summary_names_the_domain_most_left_unserved_and_the_longest_wait(tmp_path):
    _, en = sentences(h5files.center_file(str(tmp_path / "c.h5")), "en")
    _, vi = sentences(h5files.center_file(str(tmp_path / "d.h5")), "vi")
    # 0.30 and 0.35 (mean 32.5 %, half to even 32; t with one degree of freedom: 1-64 %).
    assert en[1].startswith("Land: 32 % of its citizens went home unserved (1–64 %), the most")
    assert "the longest wait is in Land: 27 minutes on average" in en[1]
    assert vi[1].startswith("Đất đai: 32 % người dân đến đã ra về mà chưa được giải quyết")


def test_an_older_file_without_the_verdict_metrics_still_reports(tmp_path):
    path = h5files.center_file(str(tmp_path / "old.h5"), verdict_metrics=False)
    _, body = sentences(path, "en")
    assert not any("within 30 minutes" in s for s in body)
    assert body[0].startswith("Land:")  # computed from /days_by_domain, present in older files
    assert main.main([path, "-o", str(tmp_path / "out")]) == main.EXIT_OK


# A variant that turns people away: those it serves wait 2 minutes less, but 5 points more of
# those who came go home unserved and the service level drops.
TURN_AWAY = [("fewer", "service_level", "higher", 0.8, -0.04, -0.06, -0.02, 0.0, 0.0, 1.0),
             ("fewer", "unserved_share", "lower", 0.05, 0.05, 0.03, 0.07, 0.0, 0.0, 1.0),
             ("fewer", "wait_mean", "lower", 10.0, -2.0, -2.5, -1.5, 1.0, 0.0, 0.0)]


def test_a_shorter_wait_from_serving_fewer_is_never_called_better(tmp_path):
    path = h5files.compare_file(str(tmp_path / "v.h5"), TURN_AWAY)
    _, en = sentences(path, "en")
    text = en[-1]
    assert text.startswith("Variant fewer against the base: the share of visits served within 30 "
                           "minutes: down 4.0 points")
    assert "the wait of those served: shorter by 2.0 minutes (-2.5 to -1.5) — but fewer of the " \
           "people who came were served, so the shorter wait is not an improvement" in text
    assert text.endswith("Overall: worse for the people who came.")
    _, vi = sentences(path, "vi")
    assert "không có nghĩa là tốt hơn" in vi[-1] and "kém hơn cho người dân" in vi[-1]


def test_a_longer_wait_because_more_were_served_says_so_next_to_the_wait(tmp_path):
    rows = [("more", "service_level", "higher", 0.8, 0.02, 0.01, 0.03, 1.0, 0.0, 0.0),
            ("more", "unserved_share", "lower", 0.05, -0.03, -0.04, -0.02, 1.0, 0.0, 0.0),
            ("more", "wait_mean", "lower", 10.0, 1.0, 0.5, 1.5, 0.0, 0.0, 1.0)]
    path = h5files.compare_file(str(tmp_path / "v.h5"), rows, variants=("base", "more"))
    text = sentences(path, "en")[1][-1]
    assert "the wait of those served: longer by 1.0 minutes (0.5 to 1.5) — while more of the " \
           "people who came were served" in text
    assert text.endswith("Overall: better for the people who came.")


def test_motcuas_own_verdict_is_used_when_the_file_has_one(tmp_path):
    path = h5files.compare_file(str(tmp_path / "v.h5"), TURN_AWAY,
                                verdicts={"variant": ["fewer"], "overall": ["mixed"], "text": ["…"]})
    assert sentences(path, "en")[1][-1].endswith("Overall: mixed: better on one count of the people "
                                                 "who came, worse on the other.")


def test_motcuas_no_significant_difference_reads_as_such(tmp_path):
    rows = [("same", "service_level", "higher", 0.8, 0.0, -0.01, 0.01, 0.3, 0.4, 0.3)]
    path = h5files.compare_file(str(tmp_path / "v.h5"), rows, variants=("base", "same"),
                                verdicts={"variant": ["same"], "overall": ["no significant difference"],
                                          "text": ["…"]})
    assert sentences(path, "vi")[1][-1].endswith("Nhìn chung: chưa có khác biệt rõ ràng cho người "
                                                 "dân đến làm thủ tục.")


def test_the_overall_rule_needs_more_people_served_to_be_better():
    sig = lambda d: {"diff": d, "low": d - 0.01, "high": d + 0.01, "base": 0.5}  # noqa: E731
    none = {"diff": 0.01, "low": -0.01, "high": 0.03, "base": 0.5}
    assert summary_text.overall({"wait_mean": sig(-3)}) is None  # no verdict on waits alone
    assert summary_text.overall({"service_level": sig(0.05), "unserved_share": none}) == "better"
    assert summary_text.overall({"service_level": sig(0.05), "unserved_share": sig(0.02)}) == "mixed"
    assert summary_text.overall({"service_level": none, "unserved_share": none,
                                 "wait_mean": sig(-5)}) == "no_difference"


def test_older_compare_files_warn_from_reneged_when_they_lack_the_unserved_share(tmp_path):
    rows = [("fewer", "reneged", "lower", 10.0, 4.0, 2.0, 6.0, 0.0, 0.0, 1.0),
            ("fewer", "wait_mean", "lower", 10.0, -2.0, -2.5, -1.5, 1.0, 0.0, 0.0)]
    path = h5files.compare_file(str(tmp_path / "v.h5"), rows, shares=False)
    assert "not an improvement" in sentences(path, "en")[1][-1]


def test_win_shares_are_split_into_better_equal_worse_and_ties_are_equal(tmp_path):
    rows = [("same", "served", "higher", 100.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0)]
    path = h5files.compare_file(str(tmp_path / "v.h5"), rows, variants=("base", "same"))
    with reader.open_file(path) as f:
        cells, cls, metric = comparison.table_rows(reader.comparison(f))[0]
    assert cells[-1] == "0 / 100 / 0 %" and cls == "" and metric == "served"
    assert comparison.headers("en")[-1] == "better / equal / worse in"


def test_an_older_file_with_win_share_only_shows_better_in(tmp_path):
    rows = [("v", "served", "higher", 100.0, 1.0, 0.5, 1.5, 0.7, 0.0, 0.3)]
    path = h5files.compare_file(str(tmp_path / "v.h5"), rows, variants=("base", "v"), shares=False)
    with reader.open_file(path) as f:
        cells, cls, _ = comparison.table_rows(reader.comparison(f))[0]
    assert cells[-1] == "better in 70 %" and cls == "better"


def test_one_replication_shows_no_interval_and_says_why(tmp_path):
    path = h5files.center_file(str(tmp_path / "one.h5"), reps=1)
    with reader.open_file(path) as f:
        html = blocks.key_numbers(reader.base_results(f), "en")
    assert "95 % low" not in html and "an interval needs the spread between at least two runs" in html
    intro, body = sentences(path, "en")
    assert "simulated once" in intro and not any("(" in s.split("minutes")[0] and "–" in s for s in body)
    nat = h5files.national_file(str(tmp_path / "n.h5"), reps=1)
    assert main.main([nat, "-o", str(tmp_path / "out"), "--lang", "en"]) == main.EXIT_OK
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "one replication, no interval" in page and "half-width" not in page


def test_a_national_page_names_the_worst_centers_by_on_time_rate_and_by_wait(tmp_path):
    path = h5files.national_file(str(tmp_path / "n.h5"))
    assert main.main([path, "-o", str(tmp_path / "out"), "--lang", "both"]) == main.EXIT_OK
    en = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    vi = (tmp_path / "out" / "index.vi.html").read_text(encoding="utf-8")
    assert "The center with the longest mean wait is Phường Một (Hà Nội): 42" in en
    assert "the lowest on-time rate is at Xã Ba (Điện Biên): 71" in en
    assert 'id="least-on-time-centers"' in en and "3 trung tâm có tỷ lệ hồ sơ đúng hạn thấp nhất" in vi
    assert "went home unserved" in en  # the national lead, from /national_summary unserved_share
    assert not math.isnan(0.0)


def test_national_per_day_columns_share_the_working_day_base_when_the_file_has_it(tmp_path):
    import h5py
    path = h5files.national_file(str(tmp_path / "n.h5"))
    assert main.main([path, "-o", str(tmp_path / "old"), "--lang", "en"]) == main.EXIT_OK
    old = (tmp_path / "old" / "index.html").read_text(encoding="utf-8")
    assert "arrived in person per calendar day" in old and "<td>50</td>" in old  # 150 over 3 days
    with h5py.File(path, "a") as f:
        f.attrs["working_days"] = 2
        f.attrs["calendar_days"] = 3
    assert main.main([path, "-o", str(tmp_path / "new"), "--lang", "en"]) == main.EXIT_OK
    new = (tmp_path / "new" / "index.html").read_text(encoding="utf-8")
    assert "arrived in person per working day" in new and "<td>75</td>" in new  # 150 over 2 days
    assert "planned visits per working day" in new
