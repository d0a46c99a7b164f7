"""The numbers behind the summary, each checked against a value worked out by hand from the
rows in h5files.CENTER_ROWS."""
import pytest

import h5files
from motcua_report import facts, reader


@pytest.fixture
def res(tmp_path):
    f = reader.open_file(h5files.center_file(str(tmp_path / "c.h5")))
    yield reader.base_results(f)
    f.close()


def test_the_worst_weekday_wait_is_the_served_weighted_mean_of_its_days(res):
    wd = facts.worst_weekday(res)
    # Monday: (38·10 + 6·30)/44 and (39·12 + 4·40)/43; Tuesday is shorter in both replications.
    monday = [(38 * 10 + 6 * 30) / 44, (39 * 12 + 4 * 40) / 43]
    assert wd["weekday"] == 0 and wd["weekday_kinds"] == 2
    assert wd["wait"].mean == pytest.approx(sum(monday) / 2)


def test_the_queue_peak_is_the_0900_bin(res):
    peak = facts.queue_peak(res)
    assert peak["bin_start"] == 540 and peak["tickets"].mean == pytest.approx(8.5)


def test_the_most_idle_counter_is_idle_60_percent(res):
    c = facts.counter_facts(res)
    assert c["idle_id"] == "2-land" and c["idle"].mean == pytest.approx(0.6)
    assert c["busy_id"] == "1-certification" and c["busy"].mean == pytest.approx(0.6)


def test_sent_home_and_gave_up_are_per_working_day(res):
    u = facts.unserved_facts(res)
    assert u["sent_home"].mean == pytest.approx(1.0)  # 2 a replication over 2 working days
    # Gave up: replication 0: 2 + 3 + 0 + 2 = 7, replication 1: 1 + 5 + 1 + 1 = 8, over 2 days.
    assert u["gave_up"].mean == pytest.approx(3.75)


def test_the_domain_with_most_unserved_is_land_at_32_5_percent(res):
    dom = facts.domain_facts(res)
    land, cert = dom["domains"][1], dom["domains"][0]
    assert dom["worst_unserved"] == 1
    assert land["unserved"].mean == pytest.approx(0.325)  # 6 of 20 and 7 of 20
    assert cert["unserved"].mean == pytest.approx(2 / 70)
    assert dom["worst_wait"] == 1
    assert land["wait"].mean == pytest.approx(((6 * 30 + 7 * 20) / 13 + 30.0) / 2)
