// Future-event set: binary heap with a total order and lazy cancellation by handle.
#include "sim/engine/calendar.hpp"

#include <algorithm>

namespace sim::engine {
namespace {
// std::push_heap builds a max-heap, so the comparator says "a comes after b".
struct Later {
  bool operator()(const Event& a, const Event& b) const { return precedes(b, a); }
};
}  // namespace

void Calendar::reserve(std::size_t n) {
  heap_.reserve(n);
  slot_generation_.reserve(n);
  free_slots_.reserve(n);
}

EventHandle Calendar::push(SimTime time, std::int32_t priority, HandlerId handler,
                           std::uint64_t payload) {
  std::uint32_t slot;
  if (free_slots_.empty()) {
    slot = static_cast<std::uint32_t>(slot_generation_.size());
    slot_generation_.push_back(0);
  } else {
    slot = free_slots_.back();
    free_slots_.pop_back();
  }
  const std::uint32_t generation = slot_generation_[slot];
  heap_.push_back(Event{time, next_seq_++, priority, handler, slot, generation, payload});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  ++live_;
  return EventHandle{slot, generation};
}

bool Calendar::pending(EventHandle handle) const {
  return handle.valid() && handle.slot < slot_generation_.size() &&
         slot_generation_[handle.slot] == handle.generation;
}

void Calendar::release(std::uint32_t slot) {
  // Bumping the generation invalidates every handle and heap entry that refers to the slot.
  ++slot_generation_[slot];
  free_slots_.push_back(slot);
  --live_;
}

bool Calendar::cancel(EventHandle handle) {
  if (!pending(handle)) return false;
  release(handle.slot);
  return true;
}

void Calendar::drop_cancelled_top() {
  while (!heap_.empty() && slot_generation_[heap_.front().slot] != heap_.front().generation) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
  }
}

std::optional<Event> Calendar::pop() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Event event = heap_.back();
  heap_.pop_back();
  release(event.slot);
  return event;
}

std::optional<SimTime> Calendar::peek_time() {
  drop_cancelled_top();
  if (heap_.empty()) return std::nullopt;
  return heap_.front().time;
}

}  // namespace sim::engine
