// Unit tests of Distribution: exact mean/variance formulas, sample moments, parameter checks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/engine/rng_stream.hpp"

using sim::engine::Distribution;
using sim::engine::RngStream;
using sim::engine::StreamSeed;

namespace {

// Draws per distribution in the statistical checks. With n = 10^6 a 5 SE band on the mean is
// 0.5 % of the mean for a CV of 1, and each check costs some tens of milliseconds.
constexpr int kDraws = 1000000;
// Width of the acceptance bands in standard errors. Under the normal approximation a
// |z| > 5 happens with probability 5.7e-7 per check, so with a few dozen checks the suite
// would essentially never raise a false alarm for a correct sampler, while a wrong
// parameterisation (rate for mean, scale for shape, ...) is off by many SE.
constexpr double kSE = 5.0;

struct SampleMoments {
  std::vector<double> x;
  double mean = 0.0;
  double var = 0.0;  // n - 1 denominator
  double min = 0.0;
};

SampleMoments draw(const Distribution& d, std::uint64_t index, int n = kDraws) {
  RngStream rng(StreamSeed{31337, 0, 0}, {"distribution-test", index});
  SampleMoments m;
  m.x.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) m.x.push_back(d.sample(rng));
  double sum = 0.0;
  for (double v : m.x) sum += v;
  m.mean = sum / n;
  double ss = 0.0;  // two-pass variance, no cancellation
  for (double v : m.x) ss += (v - m.mean) * (v - m.mean);
  m.var = ss / (n - 1);
  m.min = *std::min_element(m.x.begin(), m.x.end());
  return m;
}

double fraction_below(const std::vector<double>& x, double threshold) {
  const auto k = std::count_if(x.begin(), x.end(), [&](double v) { return v < threshold; });
  return static_cast<double>(k) / static_cast<double>(x.size());
}

// Checks sample mean and variance against the distribution's mean() and variance().
// mu4 is the distribution's fourth central moment E[(X - mu)^4], from its formula.
//  - SE of the sample mean: sigma / sqrt(n).
//  - SE of the sample variance: sqrt((mu4 - sigma^4) / n) (large-n variance of s^2).
void check_sample_moments(const Distribution& d, double mu4, std::uint64_t index) {
  const SampleMoments m = draw(d, index);
  const double n = static_cast<double>(m.x.size());
  const double mu = d.mean(), sigma2 = d.variance();
  INFO(d.describe() << ": sample mean " << m.mean << " vs " << mu << ", sample variance " << m.var
                    << " vs " << sigma2);
  CHECK(m.min >= 0.0);
  const double se_mean = std::sqrt(sigma2 / n);
  CHECK(std::abs(m.mean - mu) < kSE * se_mean);
  const double se_var = std::sqrt((mu4 - sigma2 * sigma2) / n);
  CHECK(std::abs(m.var - sigma2) < kSE * se_var);
}

// Fourth central moment of a lognormal from its variance and sigma^2 = s2:
// kurtosis = e^{4 s2} + 2 e^{3 s2} + 3 e^{2 s2} - 3.
double lognormal_mu4(double variance, double s2) {
  const double kurtosis = std::exp(4 * s2) + 2 * std::exp(3 * s2) + 3 * std::exp(2 * s2) - 3;
  return kurtosis * variance * variance;
}

}  // namespace

TEST_CASE("exponential has mean m and variance m squared, and samples match", "[engine]") {
  const Distribution d = Distribution::exponential(4.0);
  CHECK(d.mean() == Approx(4.0));
  CHECK(d.variance() == Approx(16.0));
  CHECK(d.second_moment() == Approx(32.0));  // E[X^2] = 2 m^2
  // mu4 = 9 m^4 for the exponential.
  check_sample_moments(d, 9.0 * 256.0, 1);

  // Shape: P(X > m) = e^-1. A binomial proportion has SE = sqrt(p (1 - p) / n).
  const SampleMoments m = draw(d, 2);
  const double p = std::exp(-1.0);
  const double above = 1.0 - fraction_below(m.x, 4.0);
  CHECK(std::abs(above - p) < kSE * std::sqrt(p * (1 - p) / kDraws));
}

TEST_CASE("deterministic always returns its value and has zero variance", "[engine]") {
  const Distribution d = Distribution::deterministic(3.5);
  CHECK(d.mean() == 3.5);
  CHECK(d.variance() == 0.0);
  CHECK(d.second_moment() == Approx(12.25));
  RngStream rng(StreamSeed{1, 2, 3}, {"det", 0});
  for (int i = 0; i < 1000; ++i) REQUIRE(d.sample(rng) == 3.5);

  const Distribution zero;  // the default is deterministic zero
  CHECK(zero.mean() == 0.0);
  CHECK(zero.variance() == 0.0);
  CHECK(zero.sample(rng) == 0.0);
  CHECK(std::holds_alternative<Distribution::Deterministic>(zero.variant()));
}

TEST_CASE("uniform has mean (a+b)/2 and variance (b-a)^2/12, and samples match", "[engine]") {
  const Distribution d = Distribution::uniform(2.0, 8.0);
  CHECK(d.mean() == Approx(5.0));
  CHECK(d.variance() == Approx(3.0));
  // mu4 = (b - a)^4 / 80 for the uniform.
  check_sample_moments(d, 1296.0 / 80.0, 3);
  const SampleMoments m = draw(d, 4);
  CHECK(*std::min_element(m.x.begin(), m.x.end()) >= 2.0);
  CHECK(*std::max_element(m.x.begin(), m.x.end()) <= 8.0);
}

TEST_CASE("triangular has mean (a+c+b)/3 and variance (a²+b²+c²-ab-ac-bc)/18, and samples match",
          "[engine]") {
  // Every triangular distribution has excess kurtosis -3/5, so mu4 = 2.4 sigma^4.
  SECTION("mode inside the range") {
    const Distribution d = Distribution::triangular(1.0, 2.0, 6.0);
    CHECK(d.mean() == Approx(3.0));
    CHECK(d.variance() == Approx((1.0 + 36.0 + 4.0 - 6.0 - 2.0 - 12.0) / 18.0));  // 7/6
    check_sample_moments(d, 2.4 * (7.0 / 6.0) * (7.0 / 6.0), 5);
    // P(X < mode) = (mode - min) / (max - min) = 1/5; binomial SE sqrt(p(1-p)/n).
    const SampleMoments m = draw(d, 6);
    CHECK(std::abs(fraction_below(m.x, 2.0) - 0.2) < kSE * std::sqrt(0.2 * 0.8 / kDraws));
    CHECK(*std::min_element(m.x.begin(), m.x.end()) >= 1.0);
    CHECK(*std::max_element(m.x.begin(), m.x.end()) <= 6.0);
  }
  SECTION("mode at the minimum") {
    const Distribution d = Distribution::triangular(0.0, 0.0, 3.0);
    CHECK(d.mean() == Approx(1.0));
    CHECK(d.variance() == Approx(0.5));
    check_sample_moments(d, 2.4 * 0.25, 7);
  }
  SECTION("mode at the maximum") {
    const Distribution d = Distribution::triangular(2.0, 5.0, 5.0);
    CHECK(d.mean() == Approx(4.0));
    CHECK(d.variance() == Approx((4.0 + 25.0 + 25.0 - 10.0 - 10.0 - 25.0) / 18.0));  // 0.5
    check_sample_moments(d, 2.4 * 0.25, 8);
  }
}

TEST_CASE("lognormal from mean and sd has exactly that mean and sd, and samples match",
          "[engine]") {
  const Distribution d = Distribution::lognormal_mean_sd(5.0, 2.5);
  CHECK(d.mean() == Approx(5.0).epsilon(1e-12));
  CHECK(d.variance() == Approx(6.25).epsilon(1e-12));
  const auto& p = std::get<Distribution::Lognormal>(d.variant());
  // sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
  CHECK(p.sigma * p.sigma == Approx(std::log(1.25)).epsilon(1e-12));
  CHECK(p.mu == Approx(std::log(5.0) - std::log(1.25) / 2).epsilon(1e-12));
  // The lognormal is right-skewed (kurtosis about 8 here), so the normal approximation for the
  // sample variance is rougher than for the other families; the band is still 5 SE.
  check_sample_moments(d, lognormal_mu4(6.25, std::log(1.25)), 9);
}

TEST_CASE("lognormal from median and cv has that median and coefficient of variation", "[engine]") {
  const double median = 8.0, cv = 0.75;
  const Distribution d = Distribution::lognormal_median_cv(median, cv);
  const auto& p = std::get<Distribution::Lognormal>(d.variant());
  CHECK(std::exp(p.mu) == Approx(median).epsilon(1e-12));  // median of a lognormal is e^mu
  const double s2 = std::log1p(cv * cv);
  CHECK(p.sigma == Approx(std::sqrt(s2)).epsilon(1e-12));
  CHECK(std::sqrt(d.variance()) / d.mean() == Approx(cv).epsilon(1e-12));
  CHECK(d.mean() == Approx(median * std::exp(s2 / 2)).epsilon(1e-12));  // = 8 * 1.25 = 10
  CHECK(d.mean() == Approx(10.0).epsilon(1e-12));

  // Kurtosis about 18 for cv = 0.75: heavier tail, same 5 SE band (see above).
  check_sample_moments(d, lognormal_mu4(d.variance(), s2), 10);
  // Half the draws fall below the median: binomial SE = sqrt(0.25 / n).
  const SampleMoments m = draw(d, 11);
  CHECK(std::abs(fraction_below(m.x, median) - 0.5) < kSE * std::sqrt(0.25 / kDraws));
}

TEST_CASE("gamma has mean k*theta and variance k*theta^2, and samples match", "[engine]") {
  SECTION("non-integer shape above one") {
    const Distribution d = Distribution::gamma(2.5, 3.0);
    CHECK(d.mean() == Approx(7.5));
    CHECK(d.variance() == Approx(22.5));
    // Excess kurtosis of the gamma is 6/k, so mu4 = (3 + 6/k) sigma^4.
    check_sample_moments(d, (3.0 + 6.0 / 2.5) * 22.5 * 22.5, 12);
  }
  SECTION("shape below one (a different Boost sampling branch)") {
    const Distribution d = Distribution::gamma(0.5, 2.0);
    CHECK(d.mean() == Approx(1.0));
    CHECK(d.variance() == Approx(2.0));
    check_sample_moments(d, (3.0 + 6.0 / 0.5) * 4.0, 13);
  }
}

TEST_CASE("erlang-k with mean m is a gamma with shape k and scale m/k", "[engine]") {
  const Distribution d = Distribution::erlang(3, 6.0);
  const auto& p = std::get<Distribution::Gamma>(d.variant());
  CHECK(p.shape == 3.0);
  CHECK(p.scale == Approx(2.0));
  CHECK(d.mean() == Approx(6.0));
  CHECK(d.variance() == Approx(12.0));  // k (m/k)^2 = m^2 / k
  // mu4 = (3 + 6/k) sigma^4 = 5 * 144.
  check_sample_moments(d, 5.0 * 144.0, 14);

  const Distribution e1 = Distribution::erlang(1, 4.0);  // Erlang-1 is the exponential
  CHECK(e1.mean() == Approx(4.0));
  CHECK(e1.variance() == Approx(16.0));
}

TEST_CASE("empirical draws each value with its weight's share and matches its moments",
          "[engine]") {
  const std::vector<double> values{1.0, 2.0, 5.0, 9.0};
  const std::vector<double> weights{1.0, 1.0, 2.0, 0.0};  // 9 has weight zero
  const Distribution d = Distribution::empirical(values, weights);
  // p = 1/4, 1/4, 1/2, 0: mean = 0.25 + 0.5 + 2.5 = 3.25; E[X^2] = 0.25 + 1 + 12.5 = 13.75.
  CHECK(d.mean() == Approx(3.25));
  CHECK(d.variance() == Approx(13.75 - 3.25 * 3.25));  // 3.1875
  const double p[] = {0.25, 0.25, 0.5, 0.0};
  double mu4 = 0.0;  // exact fourth central moment of the discrete distribution
  for (int i = 0; i < 4; ++i) mu4 += p[i] * std::pow(values[i] - 3.25, 4);
  check_sample_moments(d, mu4, 15);

  const SampleMoments m = draw(d, 16);
  for (int i = 0; i < 4; ++i) {
    const auto k = std::count(m.x.begin(), m.x.end(), values[i]);
    const double share = static_cast<double>(k) / kDraws;
    INFO("value " << values[i] << " share " << share);
    if (p[i] == 0.0) {
      CHECK(k == 0);  // a zero weight is never drawn
    } else {
      // Binomial proportion: SE = sqrt(p (1 - p) / n).
      CHECK(std::abs(share - p[i]) < kSE * std::sqrt(p[i] * (1 - p[i]) / kDraws));
    }
  }
  // Nothing outside the listed values.
  const auto listed = std::count_if(m.x.begin(), m.x.end(),
                                    [](double v) { return v == 1.0 || v == 2.0 || v == 5.0; });
  CHECK(listed == kDraws);
}

TEST_CASE("empirical with zero weight on the first and last values never draws them", "[engine]") {
  const Distribution d = Distribution::empirical({3.0, 4.0, 7.0}, {0.0, 2.0, 0.0});
  CHECK(d.mean() == Approx(4.0));
  CHECK(d.variance() == Approx(0.0).margin(1e-15));
  RngStream rng(StreamSeed{4, 4, 4}, {"empirical-edges", 0});
  for (int i = 0; i < 20000; ++i) REQUIRE(d.sample(rng) == 4.0);
}

TEST_CASE("invalid distribution parameters throw std::invalid_argument", "[engine]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(Distribution::exponential(-1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(inf), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::exponential(nan), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::deterministic(-0.5), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(5.0, 5.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(5.0, 3.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::uniform(-1.0, 3.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::triangular(2.0, 1.0, 3.0), std::invalid_argument);  // mode < min
  CHECK_THROWS_AS(Distribution::triangular(1.0, 4.0, 3.0), std::invalid_argument);  // mode > max
  CHECK_THROWS_AS(Distribution::triangular(2.0, 2.0, 2.0), std::invalid_argument);  // min == max
  CHECK_THROWS_AS(Distribution::triangular(-1.0, 0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal_mean_sd(-1.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal_mean_sd(5.0, 0.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal_median_cv(0.0, 0.5), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::lognormal_median_cv(5.0, -0.1), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::gamma(0.0, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::gamma(1.0, -1.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::erlang(0, 5.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::erlang(2, -5.0), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({}, {}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0, 2.0}, {1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0}, {1.0, 2.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0, 2.0}, {0.0, 0.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({-1.0, 2.0}, {1.0, 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(Distribution::empirical({1.0, 2.0}, {1.0, -1.0}), std::invalid_argument);
  // Boundary cases that are valid.
  CHECK_NOTHROW(Distribution::deterministic(0.0));
  CHECK_NOTHROW(Distribution::uniform(0.0, 1e-9));
  CHECK_NOTHROW(Distribution::triangular(0.0, 0.0, 1.0));
  CHECK_NOTHROW(Distribution::empirical({0.0}, {1.0}));
}

TEST_CASE("describe names the family and its parameters", "[engine]") {
  CHECK(Distribution::exponential(4.0).describe() == "exponential(mean=4)");
  CHECK(Distribution::uniform(2.0, 8.0).describe() == "uniform(2, 8)");
  CHECK(Distribution::lognormal_mean_sd(5.0, 2.5).describe() == "lognormal(mean=5, sd=2.5)");
  CHECK(Distribution::erlang(3, 6.0).describe() == "gamma(shape=3, scale=2)");
}

TEST_CASE("a scaled distribution draws k times each value from the same stream, for every kind",
          "[engine]") {
  const double k = 2.0;
  const std::vector<Distribution> kinds{Distribution::exponential(3.0),
                                        Distribution::deterministic(5.0),
                                        Distribution::uniform(1.0, 4.0),
                                        Distribution::triangular(1.0, 2.0, 6.0),
                                        Distribution::lognormal_median_cv(45.0, 0.8),
                                        Distribution::gamma(2.5, 3.0),
                                        Distribution::empirical({1.0, 2.0, 7.0}, {0.2, 0.5, 0.3})};
  for (const Distribution& d : kinds) {
    INFO(d.describe());
    const Distribution s = d.scaled(k);
    // Moments of kX: mean k E[X], variance k^2 Var[X]; these are exact formulas.
    CHECK(s.mean() == Approx(k * d.mean()).epsilon(1e-12));
    CHECK(s.variance() == Approx(k * k * d.variance()).epsilon(1e-12));
    RngStream a(StreamSeed{7, 0, 0}, {"scaled", 0});
    RngStream b(StreamSeed{7, 0, 0}, {"scaled", 0});
    for (int n = 0; n < 1000; ++n) {
      const double x = d.sample(a);
      // Equal up to rounding in the sampler's arithmetic (exp/log of a shifted mean).
      REQUIRE(s.sample(b) == Approx(k * x).epsilon(1e-9));
    }
  }
}
