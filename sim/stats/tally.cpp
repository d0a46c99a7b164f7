// Streaming statistics of observations: count, mean, sd, min, max, and histogram quantiles.
#include "sim/stats/tally.hpp"

#include <cmath>

namespace sim::stats {

namespace bh = boost::histogram;

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

Tally::Tally() : hist_(bh::make_histogram(Axis(histogram_bins, histogram_low, histogram_high))) {}

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
