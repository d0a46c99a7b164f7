// Unit tests of Tally: moments, histogram quantiles within one bin, exact zeros, merging.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/engine/rng_stream.hpp"
#include "sim/stats/tally.hpp"

using sim::stats::Tally;

namespace {

// Ratio between the edges of one histogram bin: 1,200 log-spaced bins over six decades
// (0.01 .. 10,000), so r = 10^(6/1200) ≈ 1.01158. A returned quantile and the exact order
// statistic lie in the same bin [lo, hi] with hi/lo = r, hence |q - x| / x <= r - 1.
const double kBinRatio = std::pow(10.0, 6.0 / 1200.0);
// Bin edges are computed as exp(log(lo) + i * delta); a value sitting exactly on an edge
// (1, 10, 100, 1000 do) can land on either side by a few ulps. 1e-9 covers that rounding.
const double kOneBin = kBinRatio - 1.0 + 1e-9;

// The order statistic the tally's quantile estimates: x_(ceil(q n)), the smallest value with
// at least q n observations at or below it (rank computed as the tally computes it).
double exact_quantile(const std::vector<double>& sorted, double q) {
  const double rank = q * static_cast<double>(sorted.size());
  const auto k = static_cast<std::size_t>(std::max(1.0, std::ceil(rank)));
  return sorted[std::min(k, sorted.size()) - 1];
}

double relative_error(double estimate, double exact) { return std::abs(estimate - exact) / exact; }

}  // namespace

TEST_CASE("tally count, mean, sd, min and max match a hand computation", "[stats]") {
  Tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  // Sum 40, n 8: mean 5. Squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7.
  CHECK(t.count() == 8);
  CHECK(t.mean() == Approx(5.0).epsilon(1e-14));
  CHECK(t.variance() == Approx(32.0 / 7.0).epsilon(1e-14));
  CHECK(t.sd() == Approx(std::sqrt(32.0 / 7.0)).epsilon(1e-14));
  CHECK(t.min() == 2.0);
  CHECK(t.max() == 9.0);
}

TEST_CASE("tally mean and variance stay accurate with a large common offset", "[stats]") {
  // Welford's update avoids the cancellation of sum-of-squares: 1e9 + {1, 2, 3, 4} has
  // variance 5/3 exactly; a naive E[X^2] - E[X]^2 in double would lose it entirely.
  Tally t;
  for (double x : {1.0, 2.0, 3.0, 4.0}) t.add(1e9 + x);
  CHECK(t.mean() == Approx(1e9 + 2.5).epsilon(1e-15));
  CHECK(t.variance() == Approx(5.0 / 3.0).epsilon(1e-9));
}

TEST_CASE("an empty tally gives NaN and one observation has no variance", "[stats]") {
  Tally t;
  CHECK(t.count() == 0);
  CHECK(std::isnan(t.mean()));
  CHECK(std::isnan(t.variance()));
  CHECK(std::isnan(t.sd()));
  CHECK(std::isnan(t.min()));
  CHECK(std::isnan(t.max()));
  CHECK(std::isnan(t.quantile(0.5)));

  t.add(3.0);
  CHECK(t.count() == 1);
  CHECK(t.mean() == 3.0);
  CHECK(std::isnan(t.variance()));
  CHECK(std::isnan(t.sd()));
  CHECK(t.min() == 3.0);
  CHECK(t.max() == 3.0);
  CHECK(t.quantile(0.5) == 3.0);  // clamped to [min, max] = {3}
}

TEST_CASE("quantiles below the share of exact zeros are exactly zero", "[stats]") {
  Tally t;
  for (int i = 0; i < 600; ++i) t.add(0.0);
  for (int i = 1; i <= 400; ++i) t.add(static_cast<double>(i));
  // 600 of 1000 observations are zero: every rank q*n <= 600 is a zero.
  CHECK(t.quantile(0.0) == 0.0);
  CHECK(t.quantile(0.3) == 0.0);
  CHECK(t.quantile(0.5) == 0.0);
  CHECK(t.quantile(0.6) == 0.0);
  // Rank 625 is the 25th positive value, 25; rank 750 is 150; rank 1000 is the maximum.
  // (q values exactly representable in binary, so the rank q*n is exact.)
  CHECK(relative_error(t.quantile(0.625), 25.0) <= kOneBin);
  CHECK(relative_error(t.quantile(0.75), 150.0) <= kOneBin);
  CHECK(t.quantile(1.0) == 400.0);
  // Just above the zero share the first positive value, 1, is reported, not zero.
  CHECK(relative_error(t.quantile(0.6005), 1.0) <= kOneBin);
  CHECK(t.min() == 0.0);
  CHECK(t.mean() == Approx(400.0 * 401.0 / 2.0 / 1000.0));
}

TEST_CASE("quantiles of 1..1000 are within one histogram bin of the exact order statistic",
          "[stats]") {
  Tally t;
  std::vector<double> sorted;
  for (int i = 1; i <= 1000; ++i) {
    t.add(static_cast<double>(i));
    sorted.push_back(static_cast<double>(i));
  }
  for (int k = 1; k <= 1000; ++k) {
    const double q = k / 1000.0;
    const double exact = exact_quantile(sorted, q);
    INFO("q = " << q << ", exact " << exact << ", tally " << t.quantile(q));
    REQUIRE(relative_error(t.quantile(q), exact) <= kOneBin);
  }
  CHECK(t.quantile(1.0) == 1000.0);  // the top rank interpolates to the maximum exactly
  CHECK(t.quantile(2.0) == 1000.0);  // q is clamped to [0, 1]
  CHECK(t.quantile(0.0005) >= 1.0);  // never below the minimum
}

TEST_CASE("quantile zero of data without zeros is the minimum, not zero", "[stats]") {
  // The class comment promises quantiles clamped to [min, max]; q = 0 must give the minimum.
  Tally t;
  for (int i = 1; i <= 1000; ++i) t.add(static_cast<double>(i));
  CHECK(t.quantile(0.0) == 1.0);
  CHECK(t.quantile(-0.5) == 1.0);
}

TEST_CASE("quantiles of an exponential sample are within one bin of the order statistics",
          "[stats]") {
  const auto d = sim::engine::Distribution::exponential(5.0);
  sim::engine::RngStream rng({2718, 0, 0}, {"tally-quantiles", 0});
  Tally t;
  std::vector<double> x;
  for (int i = 0; i < 100000; ++i) {
    x.push_back(d.sample(rng));
    t.add(x.back());
  }
  std::sort(x.begin(), x.end());
  // From q = 0.01 (x ≈ 0.05, well above the histogram's lower edge 0.01, where bins stop
  // being log-spaced) up to the maximum.
  for (double q : {0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 0.9999, 1.0}) {
    const double exact = exact_quantile(x, q);
    INFO("q = " << q << ", exact " << exact << ", tally " << t.quantile(q));
    CHECK(relative_error(t.quantile(q), exact) <= kOneBin);
  }
}

TEST_CASE("values outside the histogram range are interpolated between min and max", "[stats]") {
  SECTION("below the lowest edge") {
    // All three fall in the underflow bin [0, 0.01]; lo/hi are clamped to min/max, so rank
    // 1.5 of 3 interpolates halfway: 0.001 + 0.5 * (0.003 - 0.001) = 0.002.
    Tally t;
    for (double x : {0.001, 0.002, 0.003}) t.add(x);
    CHECK(t.quantile(0.5) == Approx(0.002).epsilon(1e-12));
    CHECK(t.quantile(1.0) == Approx(0.003).epsilon(1e-12));
  }
  SECTION("above the highest edge") {
    // Overflow bin [10000, inf]: clamped to [20000, 40000], rank 1.5 of 3 gives 30000.
    Tally t;
    for (double x : {20000.0, 30000.0, 40000.0}) t.add(x);
    CHECK(t.quantile(0.5) == Approx(30000.0).epsilon(1e-12));
    CHECK(t.quantile(1.0) == 40000.0);
  }
}

TEST_CASE("merging two tallies equals one tally fed all the data", "[stats]") {
  const auto d = sim::engine::Distribution::lognormal_mean_sd(12.0, 9.0);
  sim::engine::RngStream rng({99, 1, 2}, {"tally-merge", 0});
  Tally a, b, all;
  for (int i = 0; i < 30000; ++i) {
    // Every fifth observation is an exact zero (no wait), split unevenly between a and b.
    const double x = (i % 5 == 0) ? 0.0 : d.sample(rng);
    ((i % 3 == 0) ? a : b).add(x);
    all.add(x);
  }
  // b's mean differs from a's: shift b by adding large values, so Chan's correction term
  // delta^2 n_a n_b / n matters.
  for (int i = 0; i < 500; ++i) {
    b.add(500.0 + i);
    all.add(500.0 + i);
  }
  Tally merged = a;
  merged.merge(b);
  CHECK(merged.count() == all.count());
  CHECK(merged.count() == a.count() + b.count());
  CHECK(merged.mean() == Approx(all.mean()).epsilon(1e-12));
  CHECK(merged.variance() == Approx(all.variance()).epsilon(1e-12));
  CHECK(merged.min() == all.min());
  CHECK(merged.max() == all.max());
  // Histogram bins and the zero count add exactly, so quantiles are identical.
  for (double q : {0.0, 0.1, 0.2, 0.21, 0.3, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0}) {
    INFO("q = " << q);
    CHECK(merged.quantile(q) == all.quantile(q));
  }
}

TEST_CASE("merging with an empty tally changes nothing", "[stats]") {
  Tally a;
  for (double x : {1.0, 0.0, 4.0, 9.0}) a.add(x);
  Tally empty;

  Tally left = a;
  left.merge(empty);
  Tally right = empty;
  right.merge(a);
  for (const Tally* t : {&left, &right}) {
    CHECK(t->count() == 4);
    CHECK(t->mean() == Approx(3.5));
    CHECK(t->variance() == Approx((6.25 + 12.25 + 0.25 + 30.25) / 3.0));
    CHECK(t->min() == 0.0);
    CHECK(t->max() == 9.0);
    CHECK(t->quantile(0.25) == 0.0);  // rank 1 = the single zero
    CHECK(t->quantile(0.5) == a.quantile(0.5));
  }
}

TEST_CASE("the tally fills exactly the histogram cells Boost's own fill does", "[stats]") {
  // Tally::add increments the cell the axis names; Boost's fill is the reference. Edges,
  // both ends, under- and overflow, a negative value and NaN (both to overflow), and enough
  // repeats of one cell to need wider counters than one byte.
  Tally t;
  auto reference = boost::histogram::make_histogram(
      Tally::Axis(Tally::histogram_bins, Tally::histogram_low, Tally::histogram_high));
  std::vector<double> values = {0.001,  0.00999, 0.01,    0.0100001, 0.5, 1.0,  10.0,        100.0,
                                1000.0, 9999.9,  10000.0, 10000.1,   2e6, -3.0, std::nan("")};
  for (int i = 0; i < 300; ++i) values.push_back(2.5);
  for (int i = 1; i < 5000; ++i) values.push_back(0.007 * i * std::sqrt(i));
  for (double x : values) {
    t.add(x);
    reference(x);
  }
  CHECK(t.histogram() == reference);
  CHECK(static_cast<double>(t.histogram().at(-1)) == 3.0);  // 0.001, 0.00999 and 0.007
  // 10000.1, 2e6, -3 and NaN; 10000 itself sits on the top edge, either side by rounding.
  CHECK(static_cast<double>(t.histogram().at(Tally::histogram_bins)) >= 4.0);
}

TEST_CASE("the bin lookup names the axis's own bin for every double tried", "[stats]") {
  // Tally::add finds the bin by table lookup instead of the axis's log; the histogram, hence
  // every quantile in the references, stays the same only if the two agree on every input.
  const Tally::Axis axis(Tally::histogram_bins, Tally::histogram_low, Tally::histogram_high);
  const auto& lookup = Tally::lookup();
  REQUIRE(lookup.edges().size() == Tally::histogram_bins + 1);
  std::size_t tried = 0, differ = 0;
  const auto check = [&](double x) {
    ++tried;
    if (lookup.index(x) != axis.index(x)) ++differ;
  };
  const double inf = std::numeric_limits<double>::infinity();
  // Around every edge, 1,000 doubles each side. The index can only change where the computed
  // log crosses a bin's threshold; glibc's log is within one ulp of the true value, and one
  // ulp of log(x) (|log x| < 10 here) is under 100 ulps of x, so any disagreement from a log
  // that is not monotone would sit well inside this neighbourhood.
  for (const double edge : lookup.edges()) {
    double below = edge, above = edge;
    check(edge);
    for (int k = 0; k < 1000; ++k) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, inf);
      check(below);
      check(above);
    }
  }
  // The first double of every table cell and the last of the one before, over the range and
  // a few cells beyond each end (where the axis answers itself).
  const std::uint64_t shift = sim::stats::LogBinLookup<Tally::Axis>::shift;
  const std::uint64_t first = std::bit_cast<std::uint64_t>(lookup.edges().front()) >> shift;
  const std::uint64_t last = std::bit_cast<std::uint64_t>(lookup.edges().back()) >> shift;
  for (std::uint64_t cell = first - 5; cell <= last + 5; ++cell) {
    const double start = std::bit_cast<double>(cell << shift);
    check(start);
    check(std::nextafter(start, 0.0));
  }
  // A million log-uniform values from 1e-5 to 1e7, four decades beyond the axis's range.
  sim::engine::RngStream rng(sim::engine::StreamSeed{7}, sim::engine::StreamKey{"test", 0});
  for (int k = 0; k < 1000000; ++k) check(std::pow(10.0, -5.0 + 12.0 * rng.uniform01()));
  // Exact edges of the range, zero, negatives, NaN, infinities, subnormals, extremes.
  for (const double x : {0.01, 10000.0, 1.0, 10.0, 0.0, -0.0, -1.0, -0.02, std::nan(""), inf, -inf,
                         std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                         std::nextafter(0.01, 0.0), std::nextafter(10000.0, inf)})
    check(x);
  INFO(tried << " doubles tried");
  CHECK(differ == 0);
}
