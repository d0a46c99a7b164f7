// Wires one replication's model from a Scenario: simulation, center and collectors.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/engine/simulation.hpp"
#include "sim/model/center.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/back_office_collector.hpp"
#include "sim/stats/day_collector.hpp"
#include "sim/stats/summary_collector.hpp"
#include "sim/stats/system_collector.hpp"
#include "sim/stats/ticket_collector.hpp"

namespace sim::scenario {

/// A scenario around center parameters built in code (tests, tools): the center form when the
/// center has a calendar (its days are the horizon), else the station form over `horizon_min`
/// minutes. No file stands behind it, so it has no sources and no transforms.
Scenario scenario_of(model::CenterParams center, double horizon_min = 0.0);

/// The one place warm-up is decided: the window every collector of a replication observes.
stats::ObservationWindow observation_window(const Scenario& scenario);

/// One replication's model, wired and ready to run. Members are built in order and hold
/// references to each other, so the object is neither copied nor moved.
class ReplicationModel {
 public:
  /// root_seed and replication select the random streams (with the center id).
  /// Without `detail` the per-day, per-counter and per-staff tables are not collected (a
  /// national run keeps only each center's summary row).
  ReplicationModel(const Scenario& scenario, std::uint64_t root_seed, std::uint64_t replication,
                   bool detail = true);
  /// The model keeps references into the scenario: a temporary one would dangle.
  ReplicationModel(Scenario&&, std::uint64_t, std::uint64_t, bool = true) = delete;
  ReplicationModel(const ReplicationModel&) = delete;
  ReplicationModel& operator=(const ReplicationModel&) = delete;

  engine::Simulation& simulation() { return sim_; }
  model::Center& center() { return center_; }
  stats::SummaryCollector& collector() { return collector_; }
  /// What every collector observes; give it to any observer added later (a trace).
  const stats::ObservationWindow& window() const { return window_; }
  /// Detail tables of the center form; absent in the station form.
  std::optional<stats::DayCollector>& days() { return days_; }
  /// Software systems and back office of the center form; absent in the station form.
  std::optional<stats::SystemCollector>& systems() { return systems_; }
  std::optional<stats::BackOfficeCollector>& back_office() { return back_office_; }
  std::optional<stats::TicketCollector>& tickets() { return tickets_; }

 private:
  stats::ObservationWindow window_;
  engine::Simulation sim_;
  model::Center center_;
  stats::SummaryCollector collector_;
  std::optional<stats::DayCollector> days_;
  std::optional<stats::SystemCollector> systems_;
  std::optional<stats::BackOfficeCollector> back_office_;
  std::optional<stats::TicketCollector> tickets_;
};

}  // namespace sim::scenario
