// An unlinked temporary file that holds table rows of a run until the result file is written.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/stats/table.hpp"

namespace sim::io {

/// A temporary file with no name (O_TMPFILE in the output's folder, so it lives on the same
/// disk as the result and vanishes when the process ends, however it ends; where the file
/// system has no O_TMPFILE, a named file unlinked as soon as it is opened). Many threads
/// append blocks at once: each reserves its offset atomically and writes with pwrite.
class SpillFile {
 public:
  /// Creates the file in the folder of `near_path` (the output file).
  explicit SpillFile(const std::string& near_path);
  ~SpillFile();
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  /// Appends `bytes` bytes and returns the offset they were written at.
  std::uint64_t write(const void* data, std::size_t bytes);
  void read(std::uint64_t offset, void* data, std::size_t bytes) const;

 private:
  int fd_ = -1;
  std::string folder_;
  std::atomic<std::uint64_t> end_{0};
};

/// The rows of one table of one replication, buffered and written to a SpillFile in blocks,
/// so that memory holds at most one block per table however long the run.
class SpilledRows : public stats::StoredRows {
 public:
  SpilledRows(SpillFile& file, std::size_t columns);
  void append(const std::vector<double>& row) override;
  /// Writes the last partial block and frees the buffer; call once the replication has ended
  /// (appending afterwards still works).
  void flush();
  std::uint64_t size() const override { return rows_; }
  std::size_t columns() const override { return columns_; }
  void read(const std::function<void(const double*, std::size_t)>& block) const override;

  static constexpr std::size_t block_rows = 4096;

 private:
  void write_block();
  struct Block {
    std::uint64_t offset;
    std::size_t rows;
  };
  SpillFile& file_;
  std::size_t columns_;
  std::uint64_t rows_ = 0;
  std::vector<double> buffer_;
  std::vector<Block> blocks_;
};

}  // namespace sim::io
