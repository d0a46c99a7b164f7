// Paired and unpaired (Welch) differences and the variant comparison, on samples worked by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

#include "sim/stats/confidence.hpp"
#include "sim/stats/variant_comparison.hpp"

using sim::stats::Better;
using sim::stats::MetricDef;
using sim::stats::ReplicationRow;

namespace {
double t975(double dof) {
  const boost::math::students_t dist(dof);
  return boost::math::quantile(boost::math::complement(dist, 0.025));
}
Approx close(double v) { return Approx(v).epsilon(1e-12); }
const double not_a_number = std::nan("");
}  // namespace

TEST_CASE("the paired difference of a small sample matches the hand computation", "[stats]") {
  // a = 1 2 4 7, b = 0 1 1 3: d = 1 1 3 4, mean 9/4 = 2.25; squared deviations
  // 1.5625 + 1.5625 + 0.5625 + 3.0625 = 6.75, variance 6.75 / 3 = 2.25, sd 1.5,
  // SE 1.5 / sqrt(4) = 0.75, half width t(0.975, 3) x 0.75 (t = 3.182446...).
  const std::vector<double> a = {1, 2, 4, 7}, b = {0, 1, 1, 3};
  const auto d = sim::stats::paired_difference(a, b);
  CHECK(d.n == 4);
  CHECK(d.mean == close(2.25));
  CHECK(d.sd == close(1.5));
  CHECK(d.std_error == close(0.75));
  CHECK(d.half_width == close(3.182446305284263 * 0.75));
  CHECK(d.half_width == close(t975(3) * 0.75));
  CHECK(d.low() == close(2.25 - t975(3) * 0.75));
}

TEST_CASE("the paired difference skips pairs with a NaN and rejects unequal lengths", "[stats]") {
  // Pair 2 is dropped: d = 1 1 4, mean 2, variance ((-1)^2 + (-1)^2 + 2^2) / 2 = 3.
  const std::vector<double> a = {1, 2, not_a_number, 7}, b = {0, 1, 1, 3};
  const auto d = sim::stats::paired_difference(a, b);
  CHECK(d.n == 3);
  CHECK(d.mean == close(2.0));
  CHECK(d.sd == close(std::sqrt(3.0)));
  CHECK(d.half_width == close(t975(2) * std::sqrt(3.0) / std::sqrt(3.0)));
  const std::vector<double> short_b = {0, 1, 1};
  CHECK_THROWS_AS(sim::stats::paired_difference(a, short_b), std::invalid_argument);
}

TEST_CASE("the Welch difference of a small sample matches the hand computation", "[stats]") {
  // a = 1 2 4 7: mean 3.5, squared deviations 6.25 + 2.25 + 0.25 + 12.25 = 21, variance 7,
  //   variance of the mean va = 7/4.
  // b = 0 1 1 3: mean 1.25, squared deviations 1.5625 + 0.0625 + 0.0625 + 3.0625 = 4.75,
  //   variance 4.75/3, variance of the mean vb = 19/48.
  // SE = sqrt(va + vb) = sqrt(103/48). Welch–Satterthwaite:
  //   dof = (va + vb)^2 / (va^2/3 + vb^2/3) = (10609/2304) / (7417/6912) = 31827/7417 = 4.291...
  const std::vector<double> a = {1, 2, 4, 7}, b = {0, 1, 1, 3};
  const auto w = sim::stats::welch_difference(a, b);
  const double se = std::sqrt(103.0 / 48.0), dof = 31827.0 / 7417.0;
  CHECK(w.n == 4);
  CHECK(w.mean == close(2.25));
  CHECK(w.std_error == close(se));
  CHECK(w.half_width == close(t975(dof) * se));
  // Between the t quantiles of 4 and 5 degrees of freedom, as a fractional dof must be.
  CHECK(w.half_width < t975(4) * se);
  CHECK(w.half_width > t975(5) * se);
  CHECK(std::isnan(w.sd));
}

TEST_CASE("the Welch difference of one value per side has no interval", "[stats]") {
  const std::vector<double> a = {3}, b = {1};
  const auto w = sim::stats::welch_difference(a, b);
  CHECK(w.mean == 2.0);
  CHECK(std::isnan(w.half_width));
}

TEST_CASE("better, equal and worse shares count replications in the metric's direction",
          "[stats]") {
  const std::vector<MetricDef> metrics = {
      {"wait_mean", "min", ""}, {"on_time_rate", "1", ""}, {"arrived", "citizens", ""}};
  CHECK(sim::stats::better_direction("wait_mean") == Better::lower);
  CHECK(sim::stats::better_direction("on_time_rate") == Better::higher);
  CHECK(sim::stats::better_direction("arrived") == Better::none);
  // wait: base 10 12 8 9, variant 9 13 7 9: lower in 0 and 2, higher in 1, a tie in 3.
  // on_time: base 0.9 0.8 0.7 NaN, variant 0.95 0.8 0.6 0.9: 3 pairs: better in 0, tie in 1,
  // worse in 2.
  // arrived: no direction, NaN.
  const std::vector<ReplicationRow> base = {
      {0, {10, 0.9, 100}}, {1, {12, 0.8, 110}}, {2, {8, 0.7, 90}}, {3, {9, not_a_number, 95}}};
  const std::vector<ReplicationRow> variant = {
      {0, {9, 0.95, 100}}, {1, {13, 0.8, 110}}, {2, {7, 0.6, 90}}, {3, {9, 0.9, 95}}};
  const auto c = sim::stats::compare_variants(metrics, base, variant);
  REQUIRE(c.size() == 3);
  CHECK(c[0].metric == "wait_mean");
  CHECK(c[0].better_share == 0.5);
  CHECK(c[0].equal_share == 0.25);  // a tie is not a loss
  CHECK(c[0].worse_share == 0.25);
  CHECK(c[0].paired.mean == close(-0.25));  // (-1 + 1 - 1 + 0) / 4
  CHECK(c[0].base_mean == close(39.0 / 4));
  CHECK(c[0].variant_mean == close(38.0 / 4));
  CHECK(c[1].better_share == close(1.0 / 3));
  CHECK(c[1].equal_share == close(1.0 / 3));
  CHECK(c[1].worse_share == close(1.0 / 3));
  CHECK(c[1].paired.n == 3);
  CHECK(c[1].base_mean == close(0.8));  // NaN skipped: (0.9 + 0.8 + 0.7) / 3
  CHECK(std::isnan(c[2].better_share));
  CHECK(std::isnan(c[2].equal_share));
  CHECK(std::isnan(c[2].worse_share));
  CHECK(c[2].paired.mean == 0.0);
  CHECK(c[2].paired.half_width == 0.0);
}

TEST_CASE("a higher-is-better metric counts the variant's larger values as wins", "[stats]") {
  const std::vector<MetricDef> metrics = {{"served", "citizens", ""}};
  const std::vector<ReplicationRow> base = {{0, {5}}, {1, {5}}, {2, {5}}};
  const std::vector<ReplicationRow> variant = {{0, {6}}, {1, {4}}, {2, {7}}};
  CHECK(sim::stats::compare_variants(metrics, base, variant)[0].better_share == close(2.0 / 3));
}

TEST_CASE("ties are equal, not losses: 0 against 0 is equal in every replication", "[stats]") {
  const std::vector<MetricDef> metrics = {{"reneged", "citizens", ""}, {"served", "citizens", ""}};
  const std::vector<ReplicationRow> base = {{0, {0, 5}}, {1, {0, 6}}, {2, {0, 7}}};
  const auto c = sim::stats::compare_variants(metrics, base, base);
  for (const auto& m : c) {
    INFO(m.metric);
    CHECK(m.better_share == 0.0);
    CHECK(m.equal_share == 1.0);
    CHECK(m.worse_share == 0.0);
    CHECK_FALSE(m.significant());
  }
}

TEST_CASE("more people served, helped or served on target is better", "[stats]") {
  for (const char* m : {"served", "answered", "helped", "served_on_target", "service_level"}) {
    INFO(m);
    CHECK(sim::stats::better_direction(m) == Better::higher);
  }
  for (const char* m : {"unserved_share", "turned_away", "sent_home_pending", "reneged"}) {
    INFO(m);
    CHECK(sim::stats::better_direction(m) == Better::lower);
  }
}

TEST_CASE("comparisons lead with the metrics of everyone who came", "[stats]") {
  const std::vector<MetricDef> metrics = {{"wait_mean", "min", ""},
                                          {"served", "citizens", ""},
                                          {"arrived", "citizens", ""},
                                          {"unserved_share", "1", ""},
                                          {"service_level", "1", ""}};
  const std::vector<ReplicationRow> rows = {{0, {1, 2, 3, 4, 5}}, {1, {2, 3, 4, 5, 6}}};
  auto c = sim::stats::compare_variants(metrics, rows, rows);
  sim::stats::lead_with_verdict_metrics(c);
  std::vector<std::string> order;
  for (const auto& m : c) order.push_back(m.metric);
  CHECK(order == std::vector<std::string>{"service_level", "unserved_share", "served", "wait_mean",
                                          "arrived"});
}

TEST_CASE("comparing variants with different replication counts is rejected", "[stats]") {
  const std::vector<MetricDef> metrics = {{"wait_mean", "min", ""}};
  const std::vector<ReplicationRow> base = {{0, {1}}, {1, {2}}, {2, {3}}};
  const std::vector<ReplicationRow> variant = {{0, {1}}, {1, {2}}};
  CHECK_THROWS_AS(sim::stats::compare_variants(metrics, base, variant), std::invalid_argument);
  const std::vector<ReplicationRow> wide = {{0, {1, 2}}, {1, {2, 3}}, {2, {3, 4}}};
  CHECK_THROWS_AS(sim::stats::compare_variants(metrics, base, wide), std::invalid_argument);
}
