// Unit tests of Student-t critical values and replication confidence intervals.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "sim/stats/confidence.hpp"

using sim::stats::confidence_interval;
using sim::stats::student_t_critical;

TEST_CASE("student t critical values match the printed table", "[stats]") {
  // Table values are given to 3 decimals, so they are accurate to within 5e-4.
  CHECK(student_t_critical(0.95, 1) == Approx(12.706).margin(5e-4));
  CHECK(student_t_critical(0.95, 9) == Approx(2.262).margin(5e-4));
  CHECK(student_t_critical(0.95, 29) == Approx(2.045).margin(5e-4));
  CHECK(student_t_critical(0.99, 9) == Approx(3.250).margin(5e-4));
  CHECK(student_t_critical(0.90, 4) == Approx(2.132).margin(5e-4));
  // For large degrees of freedom t tends to the normal quantile z_{0.975} = 1.959964; the
  // difference at 10^6 dof is about z (z^2 + 1) / (4 dof) ≈ 1.5e-6.
  CHECK(student_t_critical(0.95, 1000000) == Approx(1.959964).margin(1e-5));
}

TEST_CASE("confidence interval of 1..10 has the hand-computed mean, sd and half width", "[stats]") {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto ci = confidence_interval(v);
  // mean 5.5; sum of squared deviations 82.5, variance 82.5 / 9 = 55/6; SE = sqrt(55/60);
  // half width = t_{0.975,9} * SE with t_{0.975,9} = 2.2621572 (7-digit table value, so the
  // relative error of the expectation is below 3e-8).
  CHECK(ci.n == 10);
  CHECK(ci.mean == Approx(5.5).epsilon(1e-14));
  CHECK(ci.sd == Approx(std::sqrt(55.0 / 6.0)).epsilon(1e-14));
  CHECK(ci.std_error == Approx(std::sqrt(55.0 / 60.0)).epsilon(1e-14));
  const double hw = 2.2621572 * std::sqrt(55.0 / 60.0);  // ≈ 2.16585
  CHECK(ci.half_width == Approx(hw).epsilon(1e-6));
  CHECK(ci.low() == Approx(5.5 - hw).epsilon(1e-6));
  CHECK(ci.high() == Approx(5.5 + hw).epsilon(1e-6));

  // At 99 %: t_{0.995,9} = 3.2498355.
  const auto ci99 = confidence_interval(v, 0.99);
  CHECK(ci99.half_width == Approx(3.2498355 * std::sqrt(55.0 / 60.0)).epsilon(1e-6));
  CHECK(ci99.mean == Approx(5.5).epsilon(1e-14));
}

TEST_CASE("confidence interval skips NaN replication values", "[stats]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> with_nan{nan, 1, 2, 3, nan, 4, 5, 6, 7, 8, 9, 10, nan};
  const auto ci = confidence_interval(with_nan);
  CHECK(ci.n == 10);
  CHECK(ci.mean == Approx(5.5).epsilon(1e-14));
  CHECK(ci.sd == Approx(std::sqrt(55.0 / 6.0)).epsilon(1e-14));
  CHECK(ci.half_width == Approx(2.2621572 * std::sqrt(55.0 / 60.0)).epsilon(1e-6));
}

TEST_CASE("confidence interval of fewer than two values has a NaN half width", "[stats]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  SECTION("one value") {
    const std::vector<double> v{4.25};
    const auto ci = confidence_interval(v);
    CHECK(ci.n == 1);
    CHECK(ci.mean == 4.25);
    CHECK(std::isnan(ci.sd));
    CHECK(std::isnan(ci.std_error));
    CHECK(std::isnan(ci.half_width));
  }
  SECTION("one value among NaNs") {
    const std::vector<double> v{nan, 7.0, nan};
    const auto ci = confidence_interval(v);
    CHECK(ci.n == 1);
    CHECK(ci.mean == 7.0);
    CHECK(std::isnan(ci.half_width));
  }
  SECTION("no values") {
    const auto ci = confidence_interval(std::vector<double>{});
    CHECK(ci.n == 0);
    CHECK(std::isnan(ci.mean));
    CHECK(std::isnan(ci.half_width));
  }
}

TEST_CASE("confidence interval of identical values has zero width", "[stats]") {
  const std::vector<double> v{3.0, 3.0, 3.0, 3.0};
  const auto ci = confidence_interval(v);
  CHECK(ci.n == 4);
  CHECK(ci.mean == 3.0);
  CHECK(ci.sd == 0.0);
  CHECK(ci.half_width == 0.0);
  CHECK(ci.low() == 3.0);
  CHECK(ci.high() == 3.0);
}

TEST_CASE("confidence interval of two values uses t with one degree of freedom", "[stats]") {
  // {1, 3}: mean 2, sd sqrt(2), SE 1, half width t_{0.975,1} = 12.7062047.
  const std::vector<double> v{1.0, 3.0};
  const auto ci = confidence_interval(v);
  CHECK(ci.mean == Approx(2.0));
  CHECK(ci.sd == Approx(std::sqrt(2.0)).epsilon(1e-14));
  CHECK(ci.std_error == Approx(1.0).epsilon(1e-14));
  CHECK(ci.half_width == Approx(12.7062047).epsilon(1e-7));
}

TEST_CASE("a paired difference is the interval of the per-replication differences", "[stats]") {
  // a - b = {1, 2, 3, 4, 5} (the shared part 10, 20, ... cancels): mean 3, sd sqrt(2.5),
  // SE sqrt(2.5 / 5) = sqrt(0.5), t_{0.975, 4} = 2.776445 (printed table).
  const std::vector<double> a{11, 22, 33, 44, 55}, b{10, 20, 30, 40, 50};
  const auto ci = sim::stats::paired_difference(a, b);
  CHECK(ci.n == 5);
  CHECK(ci.mean == Approx(3.0));
  CHECK(ci.std_error == Approx(std::sqrt(0.5)));
  CHECK(ci.half_width == Approx(2.776445 * std::sqrt(0.5)).epsilon(1e-6));
  // Unpaired, the same values would give an interval about 10 times wider; pairing is the point.
  CHECK(sim::stats::confidence_interval(a).half_width > 5 * ci.half_width);
  const std::vector<double> short_b{1, 2};
  CHECK_THROWS_AS(sim::stats::paired_difference(a, short_b), std::invalid_argument);
}
