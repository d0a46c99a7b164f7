// Unfinished output files are removed when the program is interrupted (SIGINT, SIGTERM).
#pragma once

#include <string>

namespace sim::io {

/// Installs handlers for SIGINT and SIGTERM that remove every registered partial file and end
/// the process with 128 + the signal number (130, 143), as a shell reports an interrupted
/// command. The handler makes only async-signal-safe calls (unlink, _exit) on paths copied
/// into fixed slots beforehand; worker threads end with the process, so none is left writing.
/// Called once by main(); tests that run the CLI in-process do not install it.
void remove_partial_files_on_signal();

/// Registers a partial file for removal on SIGINT or SIGTERM while this object lives. A path
/// longer than PATH_MAX, or more than a few partial files at once, are not registered (the
/// file is then only removed by ResultFile's destructor, as before).
class PartialFileGuard {
 public:
  explicit PartialFileGuard(const std::string& path);
  ~PartialFileGuard();
  PartialFileGuard(const PartialFileGuard&) = delete;
  PartialFileGuard& operator=(const PartialFileGuard&) = delete;

 private:
  int slot_ = -1;
};

}  // namespace sim::io
