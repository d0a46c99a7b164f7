// One replication as a pure function: (scenario, seed, index) -> summary row, sharing nothing.
#pragma once

#include <cstdint>

#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"

namespace sim::run {

/// Builds a fresh model, runs it until every citizen who arrived has left, and returns the
/// summary row and detail tables. Safe to call from many threads at once.
stats::ReplicationResult run_replication(const scenario::Scenario& scenario, std::uint64_t root_seed,
                                      std::uint64_t replication);

}  // namespace sim::run
