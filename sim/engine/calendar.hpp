// Future-event set: binary heap with a total order and lazy cancellation by handle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/event.hpp"

namespace sim::engine {

/// Binary min-heap of Event values ordered by precedes(). Cancelled events stay in the heap
/// and are skipped when they reach the top (lazy deletion); a slot table with generation
/// counters tells live from cancelled. After warm-up no operation allocates: the heap vector
/// and the slot table reuse their capacity.
class Calendar {
 public:
  /// Schedules an event; time, priority, handler and payload come from the argument, the
  /// sequence number and slot are assigned here.
  EventHandle push(SimTime time, std::int32_t priority, HandlerId handler, std::uint64_t payload);

  /// Cancels a pending event. Returns false if it already ran or was cancelled.
  bool cancel(EventHandle handle);

  /// True if the handle refers to an event that is still pending.
  bool pending(EventHandle handle) const;

  /// Removes and returns the next live event, or nothing if none is left.
  std::optional<Event> pop();

  /// Time of the next live event (drops cancelled events from the top first).
  std::optional<SimTime> peek_time();

  /// Number of live (not cancelled) events.
  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  /// Pre-allocates room for n simultaneous events.
  void reserve(std::size_t n);

 private:
  void drop_cancelled_top();
  void release(std::uint32_t slot);

  std::vector<Event> heap_;
  std::vector<std::uint32_t> slot_generation_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace sim::engine
