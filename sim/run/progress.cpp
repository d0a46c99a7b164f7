// A progress line on stderr when it is a terminal; silent otherwise.
#include "sim/run/progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace sim::run {

bool stderr_is_terminal() { return ::isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::string label, std::uint64_t total, bool enabled)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

Progress::~Progress() {
  if (enabled_ && done_ > 0) draw(true);
}

void Progress::advance(std::uint64_t n) {
  if (!enabled_) return;
  std::lock_guard lock(mutex_);
  done_ += n;
  const auto now = std::chrono::steady_clock::now();
  if (done_ == total_ || now - last_draw_ > std::chrono::milliseconds(100)) {
    last_draw_ = now;
    draw(false);
  }
}

void Progress::draw(bool final) {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0.0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0.0;
  constexpr int width = 30;
  const int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
  std::fprintf(stderr, "\r%s [%.*s%*s] %llu/%llu  %.1f/s  ETA %.0fs ", label_.c_str(), filled,
               "##############################", width - filled, "",
               static_cast<unsigned long long>(done_), static_cast<unsigned long long>(total_),
               rate, eta);
  if (final) std::fprintf(stderr, "\n");
  std::fflush(stderr);
}

}  // namespace sim::run
