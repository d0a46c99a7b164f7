// Unfinished output files are removed when the program is interrupted (SIGINT, SIGTERM).
#include "sim/io/partial_files.hpp"

#include <unistd.h>
#include <climits>
#include <csignal>

#include <atomic>
#include <cstring>
#include <filesystem>

namespace sim::io {
namespace {

// A signal handler can only reach state through objects with static storage: this table is
// the one process-wide state of the program, and it holds nothing but paths to remove.
enum SlotState : int { free_slot = 0, writing = 1, ready = 2 };
struct Slot {
  std::atomic<int> state{free_slot};
  char path[PATH_MAX] = {};
};
static_assert(std::atomic<int>::is_always_lock_free, "the handler needs lock-free atomics");
constexpr int slot_count = 8;
Slot slots[slot_count];

extern "C" void remove_and_exit(int signal) {
  for (auto& slot : slots) {
    if (slot.state.load(std::memory_order_acquire) == ready) ::unlink(slot.path);
  }
  ::_exit(128 + signal);
}

}  // namespace

void remove_partial_files_on_signal() {
  struct sigaction action {};
  action.sa_handler = remove_and_exit;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);  // a second signal waits for the first to finish
  sigaddset(&action.sa_mask, SIGTERM);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

PartialFileGuard::PartialFileGuard(const std::string& path) {
  // Absolute: the handler must not depend on the working directory.
  std::error_code ec;
  const std::string absolute = std::filesystem::absolute(path, ec).string();
  if (ec || absolute.size() >= PATH_MAX) return;
  for (int i = 0; i < slot_count; ++i) {
    int expected = free_slot;
    if (!slots[i].state.compare_exchange_strong(expected, writing)) continue;
    std::memcpy(slots[i].path, absolute.c_str(), absolute.size() + 1);
    slots[i].state.store(ready, std::memory_order_release);
    slot_ = i;
    return;
  }
}

PartialFileGuard::~PartialFileGuard() {
  if (slot_ >= 0) slots[slot_].state.store(free_slot, std::memory_order_release);
}

}  // namespace sim::io
