// Future-event set: binary heap with a total order and lazy cancellation by handle.
#pragma once

#include <algorithm>
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
  EventHandle push(SimTime time, std::int32_t priority, HandlerId handler, std::uint64_t payload) {
    if (priority < min_priority || priority > max_priority || (next_seq_ >> seq_bits) != 0)
      refuse(priority);
    const std::uint32_t slot = take_slot();
    Slot& s = slots_[slot];
    s.payload = payload;
    s.handler = handler;
    const auto rank = static_cast<std::uint64_t>(priority - min_priority);
    heap_.push_back(Entry{time, (rank << seq_bits) | next_seq_++, slot, s.generation});
    std::push_heap(heap_.begin(), heap_.end(), Later{});
    ++live_;
    return EventHandle{slot, s.generation};
  }

  /// Cancels a pending event. Returns false if it already ran or was cancelled. Inline: most
  /// calls cancel a handle that already ran (a service end repaced, a renege after the call).
  bool cancel(EventHandle handle) {
    if (!pending(handle)) return false;
    release(handle.slot);
    return true;
  }

  /// True if the handle refers to an event that is still pending.
  bool pending(EventHandle handle) const {
    return handle.valid() && handle.slot < slots_.size() &&
           slots_[handle.slot].generation == handle.generation;
  }

  /// Removes and returns the next live event, or nothing if none is left.
  std::optional<Event> pop() {
    Entry e;
    if (!take_top(e)) return std::nullopt;
    const Slot& s = slots_[e.slot];
    const Event event{
        e.time,    e.key & seq_mask, static_cast<std::int32_t>(e.key >> seq_bits) + min_priority,
        s.handler, e.slot,           e.generation,
        s.payload};
    release(e.slot);
    return event;
  }

  /// What running the next event needs, without the rest of an Event.
  struct Next {
    SimTime time;
    std::uint64_t seq;
    HandlerId handler;
    std::uint64_t payload;
  };
  /// pop() for the engine's loop: the same event, false when none is left. It builds no
  /// Event (slot, generation and priority are not needed to run it): a few instructions on
  /// every event (issue 20).
  bool pop_next(Next& next) {
    Entry e;
    if (!take_top(e)) return false;
    const Slot& s = slots_[e.slot];
    next = Next{e.time, e.key & seq_mask, s.handler, s.payload};
    release(e.slot);
    return true;
  }

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
  static constexpr std::uint64_t seq_mask = (std::uint64_t{1} << seq_bits) - 1;

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
  /// Moves the next live entry off the heap into e; false when none is left.
  bool take_top(Entry& e) {
    if (!heap_.empty() && !live(heap_.front())) drop_cancelled_top();
    if (heap_.empty()) return false;
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    e = heap_.back();
    heap_.pop_back();
    return true;
  }
  /// Pops cancelled entries off the top of the heap.
  void drop_cancelled_top();
  std::uint32_t take_slot() {
    if (free_slots_.empty()) return new_slot();
    const std::uint32_t slot = free_slots_.back();
    free_slots_.pop_back();
    return slot;
  }
  std::uint32_t new_slot();
  void release(std::uint32_t slot) {
    // Bumping the generation invalidates every handle and heap entry that refers to the slot.
    ++slots_[slot].generation;
    free_slots_.push_back(slot);
    --live_;
  }
  /// Throws for a priority outside the range or a sequence number past 48 bits.
  [[noreturn]] void refuse(std::int32_t priority) const;

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_slots_;
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace sim::engine
