// Paired comparison of scenario variants run on common random numbers, metric by metric.
#pragma once

#include <string>
#include <vector>

#include "sim/stats/confidence.hpp"
#include "sim/stats/metric.hpp"

namespace sim::stats {

/// Which way a metric improves, for counting wins; none for metrics that are not good or
/// bad in themselves (arrivals, utilisation, event counts). Higher is better for the counts
/// of people helped (served, answered, helped, served_on_target) and for service_level.
enum class Better { lower, higher, none };
Better better_direction(const std::string& metric);
const char* better_name(Better b);

/// One metric of one variant against the base.
struct MetricComparison {
  std::string metric;
  Better better = Better::none;
  double base_mean = 0.0;
  double variant_mean = 0.0;
  ConfidenceInterval paired;    ///< mean of (variant - base) per replication, with its interval
  ConfidenceInterval unpaired;  ///< Welch interval of mean(variant) - mean(base)
  /// Shares of the replication pairs where the variant is better, equal (a tie is not a loss)
  /// or worse in the metric's direction; they add up to 1 (NaN: no direction or no pairs).
  double better_share = 0.0;
  double equal_share = 0.0;
  double worse_share = 0.0;
  /// Whether the paired interval excludes 0 (the difference is significant at 95 %).
  bool significant() const { return paired.low() > 0 || paired.high() < 0; }
  /// Whether the variant's mean is better than the base's, significantly, in the metric's
  /// direction (false for metrics with no direction).
  bool significantly_better() const;
  bool significantly_worse() const;
};

/// The metrics every verdict leads with, in order: everyone who came counts first.
const std::vector<std::string>& verdict_metrics();

/// Puts the verdict metrics first (in verdict_metrics() order), the rest in their order.
void lead_with_verdict_metrics(std::vector<MetricComparison>& comparisons);

/// Compares two runs replication by replication (row i of both used the same random streams).
/// Throws std::invalid_argument when the runs differ in replications or metrics.
std::vector<MetricComparison> compare_variants(const std::vector<MetricDef>& metrics,
                                               const std::vector<ReplicationRow>& base,
                                               const std::vector<ReplicationRow>& variant);

}  // namespace sim::stats
