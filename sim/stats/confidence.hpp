// Means across replications with Student-t 95 % confidence intervals.
#pragma once

#include <cstddef>
#include <span>

namespace sim::stats {

/// Mean of independent replication values with a two-sided confidence interval
/// mean ± t_{1-alpha/2, n-1} · s/√n. half_width is NaN below two values.
struct ConfidenceInterval {
  std::size_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double std_error = 0.0;
  double half_width = 0.0;
  double low() const { return mean - half_width; }
  double high() const { return mean + half_width; }
};

/// NaN values (a metric undefined in some replication) are skipped.
ConfidenceInterval confidence_interval(std::span<const double> values, double level = 0.95);

/// Paired comparison of two scenario variants run with common random numbers: the interval
/// of the mean of a[i] - b[i] (replication i of both variants used the same streams). Pairs
/// with a NaN on either side are skipped. Throws std::invalid_argument on unequal lengths.
ConfidenceInterval paired_difference(std::span<const double> a, std::span<const double> b,
                                     double level = 0.95);

/// Unpaired comparison: the Welch interval of mean(a) - mean(b), as if a and b had been run
/// on independent random numbers. Set beside paired_difference it shows what common random
/// numbers gain. NaN values are skipped on each side.
ConfidenceInterval welch_difference(std::span<const double> a, std::span<const double> b,
                                    double level = 0.95);

/// Student-t critical value t_{(1+level)/2, dof} (Boost.Math).
double student_t_critical(double level, std::size_t dof);

}  // namespace sim::stats
