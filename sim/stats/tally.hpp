// Streaming statistics of observations: count, mean, sd, min, max, and histogram quantiles.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

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

/// The bin of a log-spaced Boost axis, found from the bits of x instead of a log: the same
/// answer as Axis::index(x) for every double, at a fraction of its cost (issue 20: the index,
/// log included, was about 5 % of the station model's instructions). Positive doubles order like
/// their bit patterns, so the top bits (exponent and `mantissa_bits` of mantissa) cut the axis's
/// range into cells of relative width at most 2^-7; a bin is wider (1,200 bins over six
/// decades: 1.16 %), so a cell holds at most one bin edge. Each cell keeps the bin of its
/// first double and that edge, the smallest double the axis puts in the next bin (found with
/// the axis's own index, so the table agrees with it bit for bit on the machine it runs on).
/// Values outside the table are under- or overflow (zero, negatives and NaN ask the axis).
template <class Axis>
class LogBinLookup {
 public:
  static constexpr unsigned mantissa_bits = 7;
  static constexpr unsigned shift = 52 - mantissa_bits;

  /// Builds the table; throws std::logic_error if a cell would hold two edges (bins
  /// narrower than a cell) or the axis's index is not monotone near an edge.
  explicit LogBinLookup(const Axis& axis);

  int index(double x) const {
    const std::uint64_t cell = (std::bit_cast<std::uint64_t>(x) >> shift) - first_cell_;
    if (cell >= cells_.size()) return outside(x);
    const Cell& c = cells_[cell];
    return c.bin + (x >= c.edge);
  }
  /// The smallest double the axis puts in bin i or above (i = 0 .. size, for tests).
  const std::vector<double>& edges() const { return edges_; }

 private:
  /// Below the first edge (positive) is underflow, from the last edge on overflow; zero,
  /// negatives and NaN go to the axis.
  int outside(double x) const {
    if (x > 0.0 && x < edges_.front()) return -1;
    if (x >= edges_.back()) return axis_.size();
    return axis_.index(x);
  }
  struct Cell {
    double edge;  ///< the edge inside the cell, or +inf when the cell holds none
    int bin;      ///< the bin of the cell's first double
  };
  Axis axis_;
  std::uint64_t first_cell_ = 0;
  std::vector<Cell> cells_;
  std::vector<double> edges_;
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
      // The axis's own index (under- and overflow included, NaN to overflow), by table
      // lookup, and a direct increment: the cell hist_(x) fills, without Boost's general
      // fill machinery and without the log.
      ++hist_[lookup_->index(x)];
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
  /// The bin lookup every tally shares (built once, on first use).
  static const LogBinLookup<Axis>& lookup();

 private:
  Moments moments_;
  std::uint64_t zeros_ = 0;
  Histogram hist_;
  const LogBinLookup<Axis>* lookup_;
};

}  // namespace sim::stats
