// Compares reruns of regression cases with their reference outputs, exactly or statistically,
// and reports what moved.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "sim/run/reference_outputs.hpp"

namespace sim::run {

enum class RegressMode {
  exact,        ///< every value must be bit-identical (NaN equals NaN)
  statistical,  ///< means over replications must agree within their standard errors
};

/// Family-wise false-alarm rate of statistical mode: when nothing changed, all comparisons of
/// one invocation together flag drift with probability at most this (Bonferroni).
inline constexpr double family_alpha = 0.01;

/// One thing that moved: a row of the drift table.
struct Drift {
  std::string case_name;
  std::string metric;      ///< a metric name, or "(seed)", "(replications)"
  std::string where;       ///< "replication 3", "mean" or empty
  std::string reference;   ///< value in the reference
  std::string current;     ///< value in the new run
  std::string difference;  ///< current - reference
  std::string z;           ///< the z statistic, or "exact"
  std::string limit;       ///< |z| allowed, or "-"
};

/// The |z| allowed for one statistical comparison among `comparisons`: the Student-t
/// quantile at 1 - family_alpha / (2 comparisons) with `dof` degrees of freedom.
double z_limit(double dof, std::size_t comparisons);

/// Collects the cases of one invocation, then compares them all at once: in statistical mode
/// the limit of each comparison depends on how many comparisons there are.
class DriftReport {
 public:
  explicit DriftReport(RegressMode mode) : mode_(mode) {}

  void add_case(ReferenceOutputs reference, ReferenceOutputs current);

  /// Everything that moved, case by case, metrics in reference order.
  std::vector<Drift> drifts() const;
  /// Statistical comparisons made (metrics with a non-zero standard error on some side).
  std::size_t statistical_comparisons() const;
  /// Values (exact mode) or metric means (statistical mode) compared.
  std::size_t values_compared() const;
  std::size_t cases() const { return cases_.size(); }
  /// The cases' names in the order they were added.
  std::vector<std::string> case_names() const;
  RegressMode mode() const { return mode_; }
  bool passed() const { return drifts().empty(); }

  /// The drift table (at most max_rows_per_case rows per case) and a one-line verdict.
  void print(std::ostream& out, std::size_t max_rows_per_case = 20) const;

 private:
  struct Pair {
    ReferenceOutputs reference, current;
  };
  /// Appends what moved in one case; k is the number of statistical comparisons in all.
  void compare_case(const Pair& p, std::size_t k, std::vector<Drift>& out) const;

  RegressMode mode_;
  std::vector<Pair> cases_;
};

}  // namespace sim::run
