// Probability distributions as immutable values: sample from a stream, exact mean and variance.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include "sim/engine/rng_stream.hpp"

namespace sim::engine {

/// A distribution of non-negative durations or quantities. Immutable and safe to share
/// between threads: sample() only advances the caller's stream. Sampling uses Boost.Random
/// distributions, which give the same numbers on every platform.
class Distribution {
 public:
  struct Exponential {
    double mean;
  };
  struct Deterministic {
    double value;
  };
  struct Uniform {
    double min, max;
  };
  struct Triangular {
    double min, mode, max;
  };
  /// Lognormal with log-mean mu and log-sd sigma.
  struct Lognormal {
    double mu, sigma;
  };
  /// Gamma with shape k and scale theta (Erlang when k is an integer).
  struct Gamma {
    double shape, scale;
  };
  /// Discrete empirical: values with weights; cumulative holds normalised cumulative weights.
  struct Empirical {
    std::vector<double> values, cumulative;
  };

  static Distribution exponential(double mean);
  static Distribution deterministic(double value);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution lognormal_mean_sd(double mean, double sd);
  static Distribution lognormal_median_cv(double median, double cv);
  static Distribution gamma(double shape, double scale);
  /// Erlang-k with the given mean (sum of k exponentials of mean mean/k).
  static Distribution erlang(int k, double mean);
  static Distribution empirical(std::vector<double> values, std::vector<double> weights);

  Distribution() : Distribution(Deterministic{0.0}) {}

  /// The distribution of k * X (k > 0): same kind, parameters scaled. Each sampler turns the
  /// same random numbers into k times the value, so a scaled variant run on the same stream
  /// draws exactly scaled durations (common random numbers for "what if repairs took twice
  /// as long?").
  Distribution scaled(double k) const;

  double sample(RngStream& rng) const {
    // A fixed value draws nothing; tested first because most of a citizen's durations are.
    // Kept this small so that callers inline it: a fixed value then costs a load and a test.
    if (const auto* d = std::get_if<Deterministic>(&v_)) return d->value;
    // The commonest random kind inline too, with its rate computed once: Boost divides its
    // unit exponential by the rate, so this is the same number as building the distribution
    // at each draw; inline, a draw makes no call of ours around Boost's (issue 20).
    if (std::holds_alternative<Exponential>(v_))
      return boost::random::exponential_distribution<double>(exponential_rate_)(rng.engine());
    return sample_other(rng);
  }
  double mean() const;
  double variance() const;
  /// Second raw moment E[X^2] = variance + mean^2 (Pollaczek–Khinchine needs it).
  double second_moment() const { return variance() + mean() * mean(); }
  /// Short human-readable form, e.g. "lognormal(mean=5, sd=2.5)".
  std::string describe() const;

  using Variant =
      std::variant<Exponential, Deterministic, Uniform, Triangular, Lognormal, Gamma, Empirical>;
  const Variant& variant() const { return v_; }

 private:
  explicit Distribution(Variant v) : v_(std::move(v)) {
    if (const auto* d = std::get_if<Exponential>(&v_)) exponential_rate_ = 1.0 / d->mean;
  }
  /// sample() for every kind but the fixed value and the exponential.
  [[gnu::noinline]] double sample_other(RngStream& rng) const;
  Variant v_;
  double exponential_rate_ = 0.0;  ///< 1 / mean when v_ is Exponential
};

}  // namespace sim::engine
