// Runs replications on a boost::asio::thread_pool and returns them in replication order.
#include "sim/run/parallel_runner.hpp"

#include "sim/run/replication.hpp"
#include "sim/run/unit_runner.hpp"

namespace sim::run {

std::vector<stats::ReplicationResult> run_replications(const scenario::Scenario& scenario,
                                                       const RunOptions& options) {
  return run_units<stats::ReplicationResult>(
      options.replications, {options.threads, options.progress, "replications"},
      [&](std::size_t r) {
        return run_replication(scenario, options.seed, r, true, options.trace, options.spill);
      },
      [&](stats::ReplicationResult& received) {
        if (options.spill != nullptr) spill_growing_tables(received, *options.spill);
      });
}

}  // namespace sim::run
