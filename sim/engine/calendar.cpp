// Future-event set: binary heap with a total order and lazy cancellation by handle.
#include "sim/engine/calendar.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace sim::engine {

void Calendar::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

EventHandle Calendar::push(SimTime time, std::int32_t priority, HandlerId handler,
                           std::uint64_t payload) {
  if (priority < min_priority || priority > max_priority) {
    throw std::logic_error("event priority " + std::to_string(priority) + " outside [" +
                           std::to_string(min_priority) + ", " + std::to_string(max_priority) +
                           "]");
  }
  if (next_seq_ >> seq_bits) throw std::logic_error("more than 2^48 events in one calendar");
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  Slot& s = slots_[slot];
  s.payload = payload;
  s.handler = handler;
  const auto rank = static_cast<std::uint64_t>(priority - min_priority);
  heap_.push_back(Entry{time, (rank << seq_bits) | next_seq_++, slot, s.generation});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  ++live_;
  return EventHandle{slot, s.generation};
}

bool Calendar::pending(EventHandle handle) const {
  return handle.valid() && handle.slot < slots_.size() &&
         slots_[handle.slot].generation == handle.generation;
}

void Calendar::release(std::uint32_t slot) {
  // Bumping the generation invalidates every handle and heap entry that refers to the slot.
  ++slots_[slot].generation;
  free_slots_.push_back(slot);
  --live_;
}

bool Calendar::cancel(EventHandle handle) {
  if (!pending(handle)) return false;
  release(handle.slot);
  return true;
}

void Calendar::drop_cancelled_top() {
  while (!heap_.empty() && !live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

std::optional<Event> Calendar::pop() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Entry e = heap_.back();
  heap_.pop_back();
  const Slot& s = slots_[e.slot];
  constexpr std::uint64_t seq_mask = (std::uint64_t{1} << seq_bits) - 1;
  const Event event{
      e.time,    e.key & seq_mask, static_cast<std::int32_t>(e.key >> seq_bits) + min_priority,
      s.handler, e.slot,           e.generation,
      s.payload};
  release(e.slot);
  return event;
}

std::optional<SimTime> Calendar::peek_time() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().time;
}

}  // namespace sim::engine
