"""Student-t intervals across replications, against published quantiles and a hand computation."""
import math

import pytest

from motcua_report.intervals import Interval, by_group, t975


@pytest.mark.parametrize("df, quantile", [(1, 12.7062), (9, 2.2622), (29, 2.0452),
                                          (40, 2.0211), (100, 1.9840), (1000, 1.9623)])
def test_t975_matches_published_student_t_quantiles(df, quantile):
    # Four-decimal table values (any statistics textbook); the expansion above df 30 included.
    assert t975(df) == pytest.approx(quantile, abs=5e-5)


def test_t975_needs_a_degree_of_freedom():
    with pytest.raises(ValueError):
        t975(0)


def test_the_interval_of_1_2_3_is_2_plus_minus_t2_over_root_3():
    iv = Interval([1.0, 2.0, 3.0])  # mean 2, sd 1
    half = 4.302652730 / math.sqrt(3)
    assert (iv.mean, iv.sd, iv.n) == (2.0, 1.0, 3)
    assert iv.low == pytest.approx(2 - half) and iv.high == pytest.approx(2 + half)
    assert iv.has_interval()


def test_nan_replications_are_left_out_and_one_value_has_no_interval():
    iv = Interval([5.0, math.nan])
    assert iv.n == 1 and iv.mean == 5.0
    assert not iv.has_interval() and math.isnan(iv.low)


def test_scaling_and_capping_keep_the_bounds_ordered():
    iv = Interval([0.9, 1.0]).scaled(-100)
    assert iv.low < iv.high and iv.mean == pytest.approx(-95)
    assert Interval([0.9, 1.0]).capped(1.0).high == 1.0


def test_by_group_gives_one_interval_per_key():
    import pandas as pd
    df = pd.DataFrame({"k": ["a", "a", "b", "b"], "v": [1.0, 3.0, 10.0, 10.0]})
    out = by_group(df, "k", "v").set_index("k")
    assert out.loc["a", "mean"] == 2.0 and out.loc["b", "low"] == 10.0 and out.loc["a", "n"] == 2
