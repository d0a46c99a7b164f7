// Sums of center summary rows into province and national rows, in a fixed order.
#pragma once

#include <string>
#include <vector>

#include "sim/stats/metric.hpp"

namespace sim::run {

/// How a national metric is formed from the centers' summary metrics.
struct AggregateDef {
  enum class Kind { sum, weighted_mean, ratio };
  stats::MetricDef metric;
  Kind kind = Kind::sum;
  std::string source;  ///< summary metric summed (sum) or averaged (weighted_mean)
  std::string weight;  ///< weighted_mean: the weight metric (e.g. served)
  std::vector<std::string> numerator, denominator;  ///< ratio: sums of these metrics
};

/// The metrics of the per-center, per-province and national tables.
const std::vector<AggregateDef>& aggregate_defs();

/// Reduces the summary rows of a set of centers (values in the order of `summary_metrics`)
/// into one row in the order of aggregate_defs(). Rows are added in the order given, so the
/// result does not depend on how the centers were run. A weighted mean or ratio over zero
/// weight is NaN; NaN values of a center with zero weight are skipped.
std::vector<double> aggregate(const std::vector<stats::MetricDef>& summary_metrics,
                              const std::vector<const std::vector<double>*>& rows);

}  // namespace sim::run
