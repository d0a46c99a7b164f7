// Probability distributions as immutable values: sample from a stream, exact mean and variance.
#include "sim/engine/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

namespace sim::engine {
namespace {
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(what);
}
}  // namespace

Distribution Distribution::exponential(double mean) {
  require(mean > 0 && std::isfinite(mean), "exponential: mean must be positive");
  return Distribution(Exponential{mean});
}
Distribution Distribution::deterministic(double value) {
  require(value >= 0 && std::isfinite(value), "deterministic: value must be >= 0");
  return Distribution(Deterministic{value});
}
Distribution Distribution::uniform(double min, double max) {
  require(min >= 0 && max > min && std::isfinite(max), "uniform: need 0 <= min < max");
  return Distribution(Uniform{min, max});
}
Distribution Distribution::triangular(double min, double mode, double max) {
  require(min >= 0 && min <= mode && mode <= max && min < max && std::isfinite(max),
          "triangular: need 0 <= min <= mode <= max and min < max");
  return Distribution(Triangular{min, mode, max});
}
Distribution Distribution::lognormal_mean_sd(double mean, double sd) {
  require(mean > 0 && sd > 0 && std::isfinite(mean) && std::isfinite(sd),
          "lognormal: mean and sd must be positive");
  const double s2 = std::log1p((sd * sd) / (mean * mean));
  return Distribution(Lognormal{std::log(mean) - s2 / 2.0, std::sqrt(s2)});
}
Distribution Distribution::lognormal_median_cv(double median, double cv) {
  require(median > 0 && cv > 0 && std::isfinite(median) && std::isfinite(cv),
          "lognormal: median and cv must be positive");
  return Distribution(Lognormal{std::log(median), std::sqrt(std::log1p(cv * cv))});
}
Distribution Distribution::gamma(double shape, double scale) {
  require(shape > 0 && scale > 0 && std::isfinite(shape) && std::isfinite(scale),
          "gamma: shape and scale must be positive");
  return Distribution(Gamma{shape, scale});
}
Distribution Distribution::erlang(int k, double mean) {
  require(k >= 1 && mean > 0 && std::isfinite(mean), "erlang: need k >= 1 and mean > 0");
  return Distribution(Gamma{static_cast<double>(k), mean / k});
}
Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty() && values.size() == weights.size(),
          "empirical: need as many weights as values, at least one");
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(values[i] >= 0 && std::isfinite(values[i]), "empirical: values must be >= 0");
    require(weights[i] >= 0 && std::isfinite(weights[i]), "empirical: weights must be >= 0");
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  require(total > 0, "empirical: weights must not all be zero");
  std::vector<double> cumulative(weights.size());
  double run = 0.0;
  for (std::size_t i = 0; i < weights.size(); ++i) cumulative[i] = (run += weights[i]) / total;
  cumulative.back() = 1.0;
  return Distribution(Empirical{std::move(values), std::move(cumulative)});
}

Distribution Distribution::scaled(double k) const {
  return std::visit(
      Overloaded{
          [&](const Exponential& d) { return exponential(d.mean * k); },
          [&](const Deterministic& d) { return deterministic(d.value * k); },
          [&](const Uniform& d) { return uniform(d.min * k, d.max * k); },
          [&](const Triangular& d) { return triangular(d.min * k, d.mode * k, d.max * k); },
          [&](const Lognormal& d) {
            return Distribution(Lognormal{d.mu + std::log(k), d.sigma});
          },
          [&](const Gamma& d) { return gamma(d.shape, d.scale * k); },
          [&](const Empirical& d) {
            Empirical e = d;
            for (double& v : e.values) v *= k;
            return Distribution(std::move(e));
          },
      },
      v_);
}

double Distribution::sample_other(RngStream& rng) const {
  auto& eng = rng.engine();
  return std::visit(
      Overloaded{
          [&](const Exponential&) {
            return boost::random::exponential_distribution<double>(exponential_rate_)(eng);
          },
          [&](const Deterministic& d) { return d.value; },
          [&](const Uniform& d) {
            return boost::random::uniform_real_distribution<double>(d.min, d.max)(eng);
          },
          [&](const Triangular& d) {
            return boost::random::triangle_distribution<double>(d.min, d.mode, d.max)(eng);
          },
          [&](const Lognormal& d) {
            // Boost's lognormal_distribution takes the log-scale parameters (m, s).
            return boost::random::lognormal_distribution<double>(d.mu, d.sigma)(eng);
          },
          [&](const Gamma& d) {
            return boost::random::gamma_distribution<double>(d.shape, d.scale)(eng);
          },
          [&](const Empirical& d) {
            // Inverse CDF on the cumulative weights: one uniform draw and a binary search.
            // Written here rather than using boost::random::discrete_distribution because
            // that one is built per call (it allocates); this keeps sample() const and cheap.
            const double u = rng.uniform01();
            const auto it = std::upper_bound(d.cumulative.begin(), d.cumulative.end(), u);
            const auto i = std::min<std::size_t>(it - d.cumulative.begin(), d.values.size() - 1);
            return d.values[i];
          },
      },
      v_);
}

double Distribution::mean() const {
  return std::visit(Overloaded{
                        [](const Exponential& d) { return d.mean; },
                        [](const Deterministic& d) { return d.value; },
                        [](const Uniform& d) { return (d.min + d.max) / 2.0; },
                        [](const Triangular& d) { return (d.min + d.mode + d.max) / 3.0; },
                        [](const Lognormal& d) { return std::exp(d.mu + d.sigma * d.sigma / 2.0); },
                        [](const Gamma& d) { return d.shape * d.scale; },
                        [](const Empirical& d) {
                          double m = 0.0, prev = 0.0;
                          for (std::size_t i = 0; i < d.values.size(); ++i) {
                            m += (d.cumulative[i] - prev) * d.values[i];
                            prev = d.cumulative[i];
                          }
                          return m;
                        },
                    },
                    v_);
}

double Distribution::variance() const {
  return std::visit(Overloaded{
                        [](const Exponential& d) { return d.mean * d.mean; },
                        [](const Deterministic&) { return 0.0; },
                        [](const Uniform& d) { return (d.max - d.min) * (d.max - d.min) / 12.0; },
                        [](const Triangular& d) {
                          const double a = d.min, c = d.mode, b = d.max;
                          return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
                        },
                        [](const Lognormal& d) {
                          const double s2 = d.sigma * d.sigma;
                          return std::expm1(s2) * std::exp(2.0 * d.mu + s2);
                        },
                        [](const Gamma& d) { return d.shape * d.scale * d.scale; },
                        [this](const Empirical& d) {
                          const double m = mean();
                          double v = 0.0, prev = 0.0;
                          for (std::size_t i = 0; i < d.values.size(); ++i) {
                            v += (d.cumulative[i] - prev) * (d.values[i] - m) * (d.values[i] - m);
                            prev = d.cumulative[i];
                          }
                          return v;
                        },
                    },
                    v_);
}

std::string Distribution::describe() const {
  std::ostringstream out;
  out.precision(6);
  std::visit(
      Overloaded{
          [&](const Exponential& d) { out << "exponential(mean=" << d.mean << ")"; },
          [&](const Deterministic& d) { out << "deterministic(" << d.value << ")"; },
          [&](const Uniform& d) { out << "uniform(" << d.min << ", " << d.max << ")"; },
          [&](const Triangular& d) {
            out << "triangular(" << d.min << ", " << d.mode << ", " << d.max << ")";
          },
          [&](const Lognormal&) { out << "lognormal"; },
          [&](const Gamma& d) { out << "gamma(shape=" << d.shape << ", scale=" << d.scale << ")"; },
          [&](const Empirical& d) { out << "empirical(" << d.values.size() << " values)"; },
      },
      v_);
  if (std::holds_alternative<Lognormal>(v_)) {
    out << "(mean=" << mean() << ", sd=" << std::sqrt(variance()) << ")";
  }
  return out.str();
}

}  // namespace sim::engine
