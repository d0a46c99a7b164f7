// Describes one output metric: its column name, unit and meaning (used by HDF5 and docs).
#pragma once

#include <string>
#include <vector>

namespace sim::stats {

/// One column of a results table.
struct MetricDef {
  std::string name;         ///< column name, snake_case
  std::string unit;         ///< e.g. "min", "citizens", "1" for a ratio
  std::string description;  ///< one sentence
};

/// One row per replication, values in the order of the table's MetricDefs.
struct ReplicationRow {
  std::uint64_t replication = 0;
  std::vector<double> values;
};

}  // namespace sim::stats
