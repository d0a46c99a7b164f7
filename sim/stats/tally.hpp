// Streaming statistics of observations: count, mean, sd, min, max, and histogram quantiles.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include <boost/histogram.hpp>

namespace sim::stats {

/// Count, mean, variance, min and max of a stream of observations, in constant memory: mean and
/// variance by Welford's update, merged exactly by Chan et al.'s pairwise combination. For
/// statistics whose quantiles are never asked for (no histogram to fill on every add).
class Moments {
 public:
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }
  void merge(const Moments& other);

  std::uint64_t count() const { return n_; }
  double mean() const;
  /// Sample variance (n - 1 in the denominator); NaN below two observations.
  double variance() const;
  double sd() const;
  double min() const;
  double max() const;

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// Streaming statistics of a non-negative quantity (a wait, a sojourn), in constant memory:
/// Moments, and quantiles from a log-spaced histogram (Boost.Histogram): 1,200 bins from 0.01
/// to 10,000 (units of the data), so a quantile is found within one bin, i.e. to about 1.2 %
/// of its value; exact zeros are counted apart, so "no wait at all" is an exact 0. Tallies
/// merge exactly (histogram bins add up), which per-day and per-domain totals need.
class Tally {
 public:
  Tally();
  void add(double x) {
    moments_.add(x);
    if (x == 0.0) {
      ++zeros_;
    } else {
      // The axis's own index (under- and overflow included, NaN to overflow) and a direct
      // increment: the cell hist_(x) fills, without Boost's general fill machinery.
      ++hist_[hist_.axis().index(x)];
    }
  }
  void merge(const Tally& other);

  std::uint64_t count() const { return moments_.count(); }
  const Moments& moments() const { return moments_; }
  double mean() const { return moments_.mean(); }
  /// Sample variance (n - 1 in the denominator); NaN below two observations.
  double variance() const { return moments_.variance(); }
  double sd() const { return moments_.sd(); }
  double min() const { return moments_.min(); }
  double max() const { return moments_.max(); }
  /// q in [0, 1]. Rank q*n located in the histogram, linear interpolation inside the bin,
  /// clamped to [min, max]. NaN when empty.
  double quantile(double q) const;

  static constexpr double histogram_low = 0.01;
  static constexpr double histogram_high = 10000.0;
  static constexpr unsigned histogram_bins = 1200;

  using Axis = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  using Histogram = decltype(boost::histogram::make_histogram(std::declval<Axis>()));
  /// The non-zero observations' histogram (for tests).
  const Histogram& histogram() const { return hist_; }

 private:
  Moments moments_;
  std::uint64_t zeros_ = 0;
  Histogram hist_;
};

}  // namespace sim::stats
