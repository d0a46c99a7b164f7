// Means across replications with Student-t 95 % confidence intervals.
#include "sim/stats/confidence.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/students_t.hpp>

namespace sim::stats {

double student_t_critical(double level, std::size_t dof) {
  const boost::math::students_t dist(static_cast<double>(dof));
  return boost::math::quantile(boost::math::complement(dist, (1.0 - level) / 2.0));
}

ConfidenceInterval confidence_interval(std::span<const double> values, double level) {
  ConfidenceInterval ci;
  double mean = 0.0, m2 = 0.0;
  for (double x : values) {
    if (std::isnan(x)) continue;
    ++ci.n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(ci.n);
    m2 += delta * (x - mean);
  }
  const double nan = std::nan("");
  ci.mean = ci.n ? mean : nan;
  if (ci.n < 2) {
    ci.sd = ci.std_error = ci.half_width = nan;
    return ci;
  }
  ci.sd = std::sqrt(m2 / static_cast<double>(ci.n - 1));
  ci.std_error = ci.sd / std::sqrt(static_cast<double>(ci.n));
  ci.half_width = student_t_critical(level, ci.n - 1) * ci.std_error;
  return ci;
}

ConfidenceInterval paired_difference(std::span<const double> a, std::span<const double> b,
                                     double level) {
  if (a.size() != b.size())
    throw std::invalid_argument("paired_difference: unequal numbers of replications");
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];  // NaN stays NaN and is skipped
  return confidence_interval(d, level);
}

}  // namespace sim::stats
