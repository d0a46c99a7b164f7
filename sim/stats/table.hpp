// A results table: named numeric columns with units, rows appended per replication.
#pragma once

#include <string>
#include <vector>

#include "sim/stats/metric.hpp"
#include "sim/stats/trace_collector.hpp"

namespace sim::stats {

/// The shape of one output table (an HDF5 group with one dataset per column).
struct TableDef {
  std::string name;         ///< group name in the output file
  std::string description;  ///< what one row is
  std::vector<MetricDef> columns;
};

/// Rows of one table, each row in the order of its TableDef's columns.
using TableRows = std::vector<std::vector<double>>;

/// Everything one replication produces: the summary row and the detail tables (in the order
/// of the collector's table definitions; empty in the station form).
struct ReplicationResult {
  ReplicationRow summary;
  std::vector<TableRows> tables;
  std::vector<TraceRow> trace;  ///< one row per visit, only when a trace was asked for
};

}  // namespace sim::stats
