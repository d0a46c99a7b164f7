// An unlinked temporary file that holds table rows of a run until the result file is written.
#include "sim/io/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "sim/io/output_error.hpp"

namespace sim::io {

SpillFile::SpillFile(const std::string& near_path)
    : folder_(std::filesystem::path(near_path).parent_path().string()) {
  if (folder_.empty()) folder_ = ".";
  fd_ = ::open(folder_.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd_ < 0 && errno != EACCES && errno != ENOENT && errno != EROFS && errno != ENOSPC) {
    // Some file systems (NFS, Lustre) have no O_TMPFILE: a named file removed at once.
    std::string name = folder_ + "/.motcua-spill-XXXXXX";
    fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd_ >= 0) ::unlink(name.c_str());
  }
  if (fd_ < 0) {
    throw OutputError("cannot create a temporary file in " + folder_ +
                      " for the run's tables: " + std::strerror(errno));
  }
}

SpillFile::~SpillFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::uint64_t SpillFile::write(const void* data, std::size_t bytes) {
  const std::uint64_t offset = end_.fetch_add(bytes);
  const char* from = static_cast<const char*>(data);
  std::size_t done = 0;
  while (done < bytes) {
    const auto n = ::pwrite(fd_, from + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw OutputError("cannot write the run's tables to a temporary file in " + folder_ + ": " +
                        std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  return offset;
}

void SpillFile::read(std::uint64_t offset, void* data, std::size_t bytes) const {
  char* to = static_cast<char*>(data);
  std::size_t done = 0;
  while (done < bytes) {
    const auto n = ::pread(fd_, to + done, bytes - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw OutputError("cannot read back the run's tables from a temporary file");
    done += static_cast<std::size_t>(n);
  }
}

SpilledRows::SpilledRows(SpillFile& file, std::size_t columns) : file_(file), columns_(columns) {
  buffer_.reserve(block_rows * columns_);
}

void SpilledRows::append(const std::vector<double>& row) {
  buffer_.insert(buffer_.end(), row.begin(), row.end());
  ++rows_;
  if (buffer_.size() >= block_rows * columns_) write_block();
}

void SpilledRows::write_block() {
  if (buffer_.empty()) return;
  const std::size_t rows = buffer_.size() / columns_;
  blocks_.push_back({file_.write(buffer_.data(), buffer_.size() * sizeof(double)), rows});
  buffer_.clear();
}

void SpilledRows::flush() {
  write_block();
  // A finished replication waits for the others: it should not hold a block's memory.
  std::vector<double>().swap(buffer_);
}

void SpilledRows::read(const std::function<void(const double*, std::size_t)>& block) const {
  std::vector<double> data;
  for (const Block& b : blocks_) {
    data.resize(b.rows * columns_);
    file_.read(b.offset, data.data(), data.size() * sizeof(double));
    block(data.data(), b.rows);
  }
  // Rows not yet flushed (flush() not called) are still in memory, after the blocks.
  if (!buffer_.empty()) block(buffer_.data(), buffer_.size() / columns_);
}

}  // namespace sim::io
