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

namespace sim::stats {

ConfidenceInterval welch_difference(std::span<const double> a, std::span<const double> b,
                                    double level) {
  const auto ca = confidence_interval(a, level), cb = confidence_interval(b, level);
  ConfidenceInterval ci;
  ci.n = std::min(ca.n, cb.n);
  ci.mean = ca.mean - cb.mean;
  const double nan = std::nan("");
  if (ca.n < 2 || cb.n < 2) {
    ci.sd = ci.std_error = ci.half_width = nan;
    return ci;
  }
  const double va = ca.std_error * ca.std_error, vb = cb.std_error * cb.std_error;
  ci.std_error = std::sqrt(va + vb);
  ci.sd = nan;  // no single sample behind a difference of two means
  if (ci.std_error == 0.0) {
    ci.half_width = 0.0;
    return ci;
  }
  // Welch-Satterthwaite degrees of freedom (not an integer in general).
  const double dof =
      (va + vb) * (va + vb) /
      (va * va / static_cast<double>(ca.n - 1) + vb * vb / static_cast<double>(cb.n - 1));
  const boost::math::students_t dist(dof);
  ci.half_width =
      boost::math::quantile(boost::math::complement(dist, (1.0 - level) / 2.0)) * ci.std_error;
  return ci;
}

}  // namespace sim::stats
