// Writes a run's results to HDF5 under a temporary name and renames it only when complete.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/io/partial_files.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/table.hpp"

namespace sim::io {

class H5Column;

/// What the root attributes record about a run.
struct RunMetadata {
  std::string program_version;
  std::string scenario_name;
  std::string scenario_path;
  std::string scenario_text;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  std::string overlays;       ///< paths of the overlays applied, one per line
  std::string resolved_text;  ///< the scenario after overlays, as TOML
};

/// An output file being written. The constructor creates "<path>.partial-<pid>" at once, so
/// an unwritable path fails before any simulation runs. commit() closes and renames it to
/// the final path; if commit() is never reached (error, interruption) the destructor removes
/// the partial file, so a file at the final path is always complete; on SIGINT or SIGTERM the
/// signal handler removes it (see remove_partial_files_on_signal).
class ResultFile {
 public:
  explicit ResultFile(std::string final_path);
  ~ResultFile();
  ResultFile(const ResultFile&) = delete;
  ResultFile& operator=(const ResultFile&) = delete;

  void write_metadata(const RunMetadata& meta);
  void set_root_attribute(const std::string& name, const std::string& value);
  void set_root_attribute(const std::string& name, std::uint64_t value);
  /// Tables written from now on go into this group path (e.g. "variant/robot"), created as
  /// needed; "" is the file's root again.
  void set_group_prefix(const std::string& path);
  /// One dataset per column in group `group`: "replication" then one per metric.
  void write_replications(const std::string& group, const std::vector<stats::MetricDef>& metrics,
                          const std::vector<stats::ReplicationRow>& rows);
  /// Across-replication means with 95 % Student-t intervals, one row per metric.
  void write_summary(const std::string& group, const std::vector<stats::MetricDef>& metrics,
                     const std::vector<stats::ReplicationRow>& rows);
  /// A detail table: one dataset per column, rows of all replications in order.
  /// Extra string columns (same length as rows) may be added, e.g. dates.
  void write_table(
      const stats::TableDef& def, const stats::TableRows& rows,
      const std::vector<std::pair<std::string, std::vector<std::string>>>& strings = {});
  /// A detail table written in blocks of rows: declare its length, write() the rows in
  /// order (row-major, the TableDef's columns), then finish().
  class TableWriter {
   public:
    TableWriter(ResultFile& file, const stats::TableDef& def, std::uint64_t rows);
    ~TableWriter();
    TableWriter(TableWriter&&) noexcept;
    TableWriter& operator=(TableWriter&&) = delete;
    void write(const double* rows, std::size_t n);
    void finish(const std::vector<std::pair<std::string, std::vector<std::string>>>& strings = {});

   private:
    struct Columns;
    const stats::TableDef& def_;
    std::unique_ptr<Columns> columns_;
  };
  TableWriter begin_table(const stats::TableDef& def, std::uint64_t rows) {
    return TableWriter(*this, def, rows);
  }
  /// A table of labels (string columns of equal length), e.g. domain ids and names.
  void write_labels(const std::string& group, const std::string& description,
                    const std::vector<std::pair<std::string, std::vector<std::string>>>& columns);
  void commit();

  const std::string& partial_path() const { return partial_path_; }

 private:
  struct Impl;
  std::string final_path_;
  std::string partial_path_;
  PartialFileGuard guard_;  ///< registered before the file exists, released after it is gone
  std::unique_ptr<Impl> impl_;
};

/// Writes in-memory rows to a table in blocks.
void write_rows(ResultFile::TableWriter& table, const stats::TableDef& def,
                const stats::TableRows& rows);

}  // namespace sim::io
