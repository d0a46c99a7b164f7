// The engine's event record and the handle used to cancel it.
#pragma once

#include <cstdint>

#include "sim/engine/sim_time.hpp"

namespace sim::engine {

/// Index of a handler registered with Simulation::add_handler.
using HandlerId = std::uint32_t;

/// Identifies one scheduled event so it can be cancelled. A default handle refers to nothing.
struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

/// A scheduled event: a small value stored directly in the heap (no allocation per event).
/// Events are ordered by (time, priority, seq): earlier time first, then lower priority
/// value, then the order in which they were scheduled. This is a total order, so two runs
/// that schedule the same events process them in the same order.
struct Event {
  SimTime time = 0.0;
  std::uint64_t seq = 0;
  std::int32_t priority = 0;
  HandlerId handler = 0;
  std::uint32_t slot = 0;
  std::uint32_t generation = 0;
  std::uint64_t payload = 0;
};

/// True when a must be processed before b.
inline bool precedes(const Event& a, const Event& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.priority != b.priority) return a.priority < b.priority;
  return a.seq < b.seq;
}

}  // namespace sim::engine
