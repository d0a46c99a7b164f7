// Paired comparison of scenario variants run on common random numbers, metric by metric.
#pragma once

#include <string>
#include <vector>

#include "sim/stats/confidence.hpp"
#include "sim/stats/metric.hpp"

namespace sim::stats {

/// Which way a metric improves, for counting wins; none for metrics that are not good or
/// bad in themselves (arrivals, utilisation, event counts).
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
  double win_share = 0.0;       ///< share of replications where the variant is better (NaN: none)
};

/// Compares two runs replication by replication (row i of both used the same random streams).
/// Throws std::invalid_argument when the runs differ in replications or metrics.
std::vector<MetricComparison> compare_variants(const std::vector<MetricDef>& metrics,
                                               const std::vector<ReplicationRow>& base,
                                               const std::vector<ReplicationRow>& variant);

}  // namespace sim::stats
