// A citizen in the center as plain data, and the pool that recycles their slots.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/engine/event.hpp"

namespace sim::model {

using CitizenIndex = std::uint32_t;
inline constexpr CitizenIndex no_citizen = std::numeric_limits<CitizenIndex>::max();

/// Priority classes: served first by law (elderly, disabled, pregnant), or regular.
/// Lower value = served first; non-preemptive.
enum class PriorityClass : std::uint8_t { priority = 0, regular = 1 };
inline constexpr std::size_t priority_class_count = 2;

/// Everything the model knows about one visit. All random attributes are drawn on arrival
/// from the citizen-attribute streams, so a change of layout never changes who arrives.
struct Citizen {
  std::uint64_t id = 0;                 ///< arrival number within the run, from 0
  engine::SimTime arrival = 0.0;        ///< minutes
  engine::SimTime service_start = 0.0;  ///< minutes; valid once called to a counter
  double service_need = 0.0;            ///< minutes of work at a counter of speed 1
  double patience = 0.0;                ///< minutes the citizen will wait; +inf if unlimited
  PriorityClass priority_class = PriorityClass::regular;
  std::uint32_t queue = 0;              ///< ticket queue the citizen waits in
  std::uint32_t counter = 0;            ///< counter serving the citizen
  engine::EventHandle renege_event;     ///< pending abandonment, cancelled when called
  CitizenIndex prev = no_citizen;       ///< intrusive links inside a TicketQueue
  CitizenIndex next = no_citizen;
};

/// Slab of citizens with a free list: after warm-up, arrivals reuse slots and never allocate.
class CitizenPool {
 public:
  CitizenIndex acquire() {
    if (!free_.empty()) {
      const CitizenIndex i = free_.back();
      free_.pop_back();
      slots_[i] = Citizen{};
      return i;
    }
    slots_.emplace_back();
    return static_cast<CitizenIndex>(slots_.size() - 1);
  }
  void release(CitizenIndex i) { free_.push_back(i); }
  Citizen& operator[](CitizenIndex i) { return slots_[i]; }
  const Citizen& operator[](CitizenIndex i) const { return slots_[i]; }
  std::size_t in_use() const { return slots_.size() - free_.size(); }

 private:
  std::vector<Citizen> slots_;
  std::vector<CitizenIndex> free_;
};

}  // namespace sim::model
