// A dossier in the back office as plain data, and the pool that recycles its slots.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/sim_time.hpp"

namespace sim::model {

using DossierIndex = std::uint32_t;

/// One dossier from receipt (at a counter or online) to its result. `deadline` is the end of
/// its statutory due date in minutes since the run's start (it may lie past the run's end);
/// the dossier is on time when its work is finished at or before it.
struct Dossier {
  std::uint64_t id = 0;      ///< citizen id for counter dossiers; online ids count separately
  std::uint64_t intake = 0;  ///< order of receipt at the back office, from 0 (set there)
  std::uint32_t procedure = 0;
  std::uint32_t domain = 0;
  std::uint32_t day = 0;  ///< run day of receipt
  engine::SimTime received = 0.0;
  engine::SimTime deadline = 0.0;
  double work_left = 0.0;           ///< back-office minutes still to do, at normal speed
  double work_total = 0.0;          ///< minutes of work at receipt (paper entry included)
  std::uint32_t sync_failures = 0;  ///< failed synchronisations so far
  bool online = false;
  bool paper = false;              ///< taken on paper during an outage; keyed in later
  bool delayed_by_system = false;  ///< waited for a system that was down, or failed to sync
  bool in_work = false;            ///< a worker is on it now
};

/// Slab of dossiers with a free list: a steady backlog reuses slots and never allocates.
class DossierPool {
 public:
  DossierIndex acquire() {
    if (!free_.empty()) {
      const DossierIndex i = free_.back();
      free_.pop_back();
      slots_[i] = Dossier{};
      return i;
    }
    slots_.emplace_back();
    return static_cast<DossierIndex>(slots_.size() - 1);
  }
  void release(DossierIndex i) { free_.push_back(i); }
  Dossier& operator[](DossierIndex i) { return slots_[i]; }
  const Dossier& operator[](DossierIndex i) const { return slots_[i]; }
  std::size_t in_use() const { return slots_.size() - free_.size(); }

 private:
  std::vector<Dossier> slots_;
  std::vector<DossierIndex> free_;
};

}  // namespace sim::model
