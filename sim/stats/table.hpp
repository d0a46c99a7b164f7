// A results table: named numeric columns with units, rows appended per replication.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
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

/// Receives the rows of a table that grows with simulated time, as they are produced.
class RowSink {
 public:
  virtual ~RowSink() = default;
  virtual void append(const std::vector<double>& row) = 0;
};

/// Rows kept outside memory (see io::SpilledRows), read back in the order they were appended.
class StoredRows : public RowSink {
 public:
  virtual std::uint64_t size() const = 0;
  virtual std::size_t columns() const = 0;
  /// Calls block(rows, n) for consecutive blocks of n rows, each row's columns contiguous.
  virtual void read(const std::function<void(const double*, std::size_t)>& block) const = 0;
};

/// A table that grows with simulated days: its rows are kept in memory, or passed on to a
/// sink as they are produced, so that a long run's memory does not grow with its length.
class GrowingTable {
 public:
  void append(std::vector<double> row) {
    if (dropped_) return;
    if (sink_ != nullptr) {
      sink_->append(row);
    } else {
      rows_.push_back(std::move(row));
    }
  }
  /// A braced row becomes a vector only when it is kept (no allocation when dropped).
  void append(std::initializer_list<double> row) {
    if (!dropped_) append(std::vector<double>(row));
  }
  void stream_to(RowSink* sink) { sink_ = sink; }
  /// Nobody reads this table in this run (a national run keeps summary rows only).
  void drop() { dropped_ = true; }
  const TableRows& rows() const { return rows_; }

 private:
  TableRows rows_;
  RowSink* sink_ = nullptr;
  bool dropped_ = false;
};

/// Everything one replication produces: the summary row and the detail tables (in the order
/// of the collector's table definitions; empty in the station form).
struct ReplicationResult {
  ReplicationRow summary;
  std::vector<TableRows> tables;
  /// Per table, its rows when they were streamed out of memory instead (then tables[t] is
  /// empty); null where the rows are in `tables`.
  std::vector<std::shared_ptr<const StoredRows>> stored;
  std::vector<TraceRow> trace;  ///< one row per visit, only when a trace was asked for
};

}  // namespace sim::stats
