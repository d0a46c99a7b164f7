// One replication as a pure function: (scenario, seed, index) -> summary row, sharing nothing.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/io/spill_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"

namespace sim::run {

/// Builds a fresh model, runs it until every citizen who arrived has left, and returns the
/// summary row, (with `detail`) the detail tables and (with `trace`) one row per visit. The
/// trace observer is attached only when asked for, so a run without it pays nothing. With
/// `spill`, the detail tables that grow with simulated days are written there as they are
/// produced (ReplicationResult::stored) instead of being kept in memory.
/// Safe to call from many threads at once.
stats::ReplicationResult run_replication(const scenario::Scenario& scenario,
                                         std::uint64_t root_seed, std::uint64_t replication,
                                         bool detail = true, bool trace = false,
                                         io::SpillFile* spill = nullptr);

/// Moves the tables of `result` that grow with simulated days into `spill` (as run_replication
/// does with a spill file): used for results received from other MPI ranks.
void spill_growing_tables(stats::ReplicationResult& result, io::SpillFile& spill);

/// The columns of a replication's summary row: the station collector's metrics, followed in
/// the center form by the software systems' and the back office's.
const std::vector<stats::MetricDef>& summary_metrics(scenario::ScenarioForm form);

/// The center form's detail tables, in the order of ReplicationResult::tables.
const std::vector<stats::TableDef>& center_table_defs();

}  // namespace sim::run
