// One replication as a pure function: (scenario, seed, index) -> summary row, sharing nothing.
#include "sim/run/replication.hpp"

#include "sim/scenario/model_builder.hpp"

namespace sim::run {

stats::ReplicationResult run_replication(const scenario::Scenario& scenario, std::uint64_t root_seed,
                                         std::uint64_t replication) {
  scenario::StationModel model(scenario, root_seed, replication);
  model.center().start();
  model.simulation().run();
  stats::ReplicationResult result;
  result.summary = {replication, model.collector().row(model.simulation().events_processed())};
  if (model.days()) result.tables = model.days()->tables();
  return result;
}

}  // namespace sim::run
