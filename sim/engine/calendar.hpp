// Future-event set: binary heap with a total order and lazy cancellation by handle.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/event.hpp"

namespace sim::engine {

/// Binary min-heap of events ordered by precedes(). Cancelled events stay in the heap and are
/// skipped when they reach the top (lazy deletion); a slot table with generation counters
/// tells live from cancelled. The heap holds only what orders an event (time, priority and
/// sequence packed into one key, slot, generation: 24 bytes); handler and payload wait in
/// the event's slot. After warm-up no operation allocates: the heap and the slot table reuse
/// their capacity.
class Calendar {
 public:
  /// Schedules an event; time, priority, handler and payload come from the argument, the
  /// sequence number and slot are assigned here. Priorities must lie in [min_priority,
  /// max_priority] (std::logic_error otherwise).
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

  static constexpr std::int32_t min_priority = -32768;
  static constexpr std::int32_t max_priority = 32767;

 private:
  /// The sequence number takes the key's low 48 bits (2.8e14 events per calendar), the
  /// priority, offset to be non-negative, the high 16: comparing keys compares (priority, seq).
  static constexpr unsigned seq_bits = 48;

  struct Entry {
    SimTime time;
    std::uint64_t key;
    std::uint32_t slot;
    std::uint32_t generation;
  };
  struct Slot {
    std::uint64_t payload = 0;
    HandlerId handler = 0;
    std::uint32_t generation = 0;
  };
  // std::push_heap builds a max-heap, so the comparator says "a comes after b".
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.time != b.time ? a.time > b.time : a.key > b.key;
    }
  };

  bool live(const Entry& e) const { return slots_[e.slot].generation == e.generation; }
  void drop_cancelled_top();
  void release(std::uint32_t slot);

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace sim::engine
