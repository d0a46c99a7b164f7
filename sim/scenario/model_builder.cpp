// Wires one replication's model from a Scenario: simulation, center and collectors.
#include "sim/scenario/model_builder.hpp"

namespace sim::scenario {

Scenario scenario_of(model::CenterParams center, double horizon_min) {
  Scenario s;
  s.name = "built in code";
  s.form = center.calendar ? ScenarioForm::center : ScenarioForm::station;
  s.run.horizon_min = center.calendar ? center.calendar->days * 1440.0 : horizon_min;
  s.center = std::move(center);
  return s;
}

stats::ObservationWindow observation_window(const Scenario& scenario) {
  const RunSettings& run = scenario.run;
  return {run.warmup_min, run.warmup_min + run.horizon_min, run.warmup_days};
}

ReplicationModel::ReplicationModel(const Scenario& scenario, std::uint64_t root_seed,
                                   std::uint64_t replication, bool detail)
    : window_(observation_window(scenario)),
      sim_(engine::StreamSeed{root_seed, replication, scenario.center.center_id}),
      center_(sim_, scenario.center),
      collector_(window_, static_cast<std::uint32_t>(scenario.center.counters.size()),
                 static_cast<std::uint32_t>(scenario.center.domains.size()),
                 scenario.run.service_target_min) {
  center_.add_observer(collector_);
  if (scenario.form == ScenarioForm::center) {
    if (detail) {
      days_.emplace(scenario.center, replication, scenario.run.service_target_min, window_);
      center_.add_observer(*days_);
    }
    systems_.emplace(static_cast<std::uint32_t>(scenario.center.systems.size()), window_,
                     replication);
    center_.add_observer(*systems_);
    back_office_.emplace(scenario.center, window_, replication);
    center_.add_observer(*back_office_);
    tickets_.emplace(window_);
    center_.add_observer(*tickets_);
  }
  sim_.reserve(scenario.center.counters.size() * 2 + 64);
}

}  // namespace sim::scenario
