// A progress line on stderr when it is a terminal; silent otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

namespace sim::run {

/// Thread-safe progress bar with rate and ETA. Enabled only when asked and stderr is a TTY.
class Progress {
 public:
  Progress(std::string label, std::uint64_t total, bool enabled);
  ~Progress();
  void advance(std::uint64_t n = 1);

 private:
  void draw(bool final);

  std::string label_;
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  bool enabled_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

/// True when stderr is a terminal.
bool stderr_is_terminal();

}  // namespace sim::run
