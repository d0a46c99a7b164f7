// Streaming statistics of observations: count, mean, sd, min, max, and histogram quantiles.
#include "sim/stats/tally.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace sim::stats {

namespace bh = boost::histogram;

template <class Axis>
LogBinLookup<Axis>::LogBinLookup(const Axis& axis) : axis_(axis) {
  const int bins = axis.size();
  const auto fail = [](const char* what) {
    throw std::logic_error(std::string("LogBinLookup: ") + what);
  };
  // Edge i: the smallest double the axis puts in bin i or above. Boost's own edge value is
  // within a few ulps; walk down while it is in bin >= i, then up while it is below.
  for (int i = 0; i <= bins; ++i) {
    double x = axis.value(i);
    for (int step = 0; axis.index(x) >= i; ++step) {
      if (step > 1000) fail("edge not found");
      x = std::nextafter(x, 0.0);
    }
    for (int step = 0; axis.index(x) < i; ++step) {
      if (step > 2000) fail("edge not found");
      x = std::nextafter(x, std::numeric_limits<double>::infinity());
    }
    if (!edges_.empty() && x <= edges_.back()) fail("edges out of order");
    edges_.push_back(x);
  }
  first_cell_ = std::bit_cast<std::uint64_t>(edges_.front()) >> shift;
  const std::uint64_t last_cell = std::bit_cast<std::uint64_t>(edges_.back()) >> shift;
  std::size_t next_edge = 0;
  for (std::uint64_t cell = first_cell_; cell <= last_cell; ++cell) {
    const double start = std::bit_cast<double>(cell << shift);
    const double end = std::bit_cast<double>((cell + 1) << shift);  // the next cell's start
    Cell c{std::numeric_limits<double>::infinity(), axis.index(start)};
    while (next_edge < edges_.size() && edges_[next_edge] <= start) ++next_edge;
    if (next_edge < edges_.size() && edges_[next_edge] < end) {
      c.edge = edges_[next_edge++];
      if (next_edge < edges_.size() && edges_[next_edge] < end) fail("two edges in one cell");
      if (axis.index(c.edge) != c.bin + 1 || axis.index(std::nextafter(c.edge, 0.0)) != c.bin)
        fail("axis index not monotone at an edge");
    }
    cells_.push_back(c);
  }
}

template class LogBinLookup<Tally::Axis>;

const LogBinLookup<Tally::Axis>& Tally::lookup() {
  static const LogBinLookup<Axis> table(Axis(histogram_bins, histogram_low, histogram_high));
  return table;
}

void Moments::merge(const Moments& other) {
  if (other.n_ == 0) return;
  if (n_ == 0) {
    *this = other;
    return;
  }
  // Chan et al.'s pairwise combination of mean and sum of squared deviations.
  const double n_a = static_cast<double>(n_), n_b = static_cast<double>(other.n_);
  const double delta = other.mean_ - mean_;
  const double n = n_a + n_b;
  mean_ += delta * n_b / n;
  m2_ += other.m2_ + delta * delta * n_a * n_b / n;
  n_ += other.n_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

double Moments::mean() const { return n_ ? mean_ : std::nan(""); }
double Moments::variance() const {
  return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : std::nan("");
}
double Moments::sd() const { return std::sqrt(variance()); }
double Moments::min() const { return n_ ? min_ : std::nan(""); }
double Moments::max() const { return n_ ? max_ : std::nan(""); }

Tally::Tally()
    : hist_(bh::make_histogram(Axis(histogram_bins, histogram_low, histogram_high))),
      lookup_(&lookup()) {}

void Tally::merge(const Tally& other) {
  if (other.count() == 0) return;
  if (count() == 0) {
    *this = other;
    return;
  }
  moments_.merge(other.moments_);
  zeros_ += other.zeros_;
  hist_ += other.hist_;
}

double Tally::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0) return std::nan("");
  const double lowest = moments_.min(), highest = moments_.max();
  const double rank = std::clamp(q, 0.0, 1.0) * static_cast<double>(n);
  if (rank <= 0.0) return lowest;
  if (rank >= static_cast<double>(n)) return highest;
  if (zeros_ > 0 && rank <= static_cast<double>(zeros_)) return 0.0;
  double below = static_cast<double>(zeros_);
  for (auto&& bin : bh::indexed(hist_, bh::coverage::all)) {
    const double count = *bin;
    if (count <= 0) continue;
    if (below + count >= rank) {
      const double lo = std::max(bin.bin().lower(), lowest);
      const double hi = std::min(bin.bin().upper(), highest);
      const double frac = (rank - below) / count;
      return std::clamp(lo + frac * (hi - lo), lowest, highest);
    }
    below += count;
  }
  return highest;
}

}  // namespace sim::stats
