// Wires one replication's model from a Scenario: simulation, center and collectors.
#include "sim/scenario/model_builder.hpp"

namespace sim::scenario {

StationModel::StationModel(const Scenario& scenario, std::uint64_t root_seed,
                           std::uint64_t replication)
    : sim_(engine::StreamSeed{root_seed, replication, scenario.center.center_id}),
      center_(sim_, scenario.center),
      collector_(scenario.run.warmup_min, scenario.run.warmup_min + scenario.run.horizon_min,
                 scenario.center.counters) {
  center_.add_observer(collector_);
  sim_.reserve(static_cast<std::size_t>(scenario.center.counters) * 2 + 64);
}

}  // namespace sim::scenario
