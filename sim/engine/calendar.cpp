// Future-event set: binary heap with a total order and lazy cancellation by handle.
#include "sim/engine/calendar.hpp"

#include <stdexcept>
#include <string>

namespace sim::engine {

void Calendar::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

void Calendar::refuse(std::int32_t priority) const {
  if (next_seq_ >> seq_bits) throw std::logic_error("more than 2^48 events in one calendar");
  throw std::logic_error("event priority " + std::to_string(priority) + " outside [" +
                         std::to_string(min_priority) + ", " + std::to_string(max_priority) + "]");
}

std::uint32_t Calendar::new_slot() {
  slots_.emplace_back();
  return static_cast<std::uint32_t>(slots_.size() - 1);
}

void Calendar::drop_cancelled_top() {
  while (!heap_.empty() && !live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

std::optional<SimTime> Calendar::peek_time() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().time;
}

}  // namespace sim::engine
