// A dossier in the back office as plain data, and the pool that recycles its slots.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/engine/sim_time.hpp"

namespace sim::model {

using DossierIndex = std::uint32_t;

/// Where a dossier is on its route (RouteParams); also the step held responsible when it is
/// late. specialist: waiting for or in back-office work; citizen: sent back for missing papers;
/// agency: handed off to another agency; signature: waiting for the leader; result: going out
/// (synchronised to the portal, retried after a failure).
enum class RouteStep : std::uint8_t { specialist, citizen, agency, signature, result };
inline constexpr std::size_t route_step_count = 5;
inline constexpr const char* route_step_names[route_step_count] = {"specialist", "citizen",
                                                                   "agency", "signature", "result"};

/// One dossier from receipt (at a counter or online) to its result. `deadline` is the end of
/// its statutory due date in minutes since the run's start (it may lie past the run's end);
/// the dossier is on time when its work is finished at or before it.
struct Dossier {
  std::uint64_t id = 0;      ///< citizen id for counter dossiers; online ids count separately
  std::uint64_t intake = 0;  ///< order of receipt at the back office, from 0 (set there)
  std::uint32_t procedure = 0;
  std::uint32_t domain = 0;
  std::uint32_t day = 0;           ///< run day of receipt
  engine::SimTime received = 0.0;  ///< reception: the statutory clock starts here
  engine::SimTime deadline = 0.0;
  /// Online dossiers with a reception step: filed at `submitted`, to be received by staff by
  /// `reception_due` (infinity: past the run's end). Otherwise both equal `received`.
  engine::SimTime submitted = 0.0;
  engine::SimTime reception_due = 0.0;
  double work_left = 0.0;           ///< back-office minutes still to do, at normal speed
  double work_total = 0.0;          ///< minutes of work at receipt (paper entry included)
  std::uint32_t sync_failures = 0;  ///< failed synchronisations so far
  bool online = false;
  bool paper = false;              ///< taken on paper during an outage; keyed in later
  bool delayed_by_system = false;  ///< waited for a system that was down, or failed to sync
  bool in_work = false;            ///< a worker is on it now
  RouteStep step = RouteStep::specialist;
  /// The step it was in when its deadline passed (set at the next step change), if it did.
  std::optional<RouteStep> late_step;
  bool papers_checked = false;    ///< the missing-papers draw was made (once per dossier)
  bool missing_papers = false;    ///< it was sent back to the citizen for missing papers
  bool handoff_checked = false;   ///< the hand-off draw was made (once per dossier)
  bool handed_off = false;        ///< it went to another agency
  bool agency_over = false;       ///< the agency kept it longer than its share of the time
  std::uint32_t paused_days = 0;  ///< working days the legal clock stood still (missing papers)

  /// The step responsible for a late dossier finished now: the agency when it overran its
  /// share of the statutory time, otherwise the step holding the dossier when the deadline
  /// passed (the current one if none was recorded).
  RouteStep responsible() const {
    if (agency_over) return RouteStep::agency;
    return late_step.value_or(step);
  }
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
