// Writes a finished run (metadata, summaries, detail tables, layout labels) to a ResultFile.
#pragma once

#include <vector>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"

namespace sim::run {

/// Writes everything of a run, in a fixed order, then leaves the file to be committed.
void write_results(io::ResultFile& file, const scenario::Scenario& s, const RunOptions& options,
                   const std::vector<stats::ReplicationResult>& results);

/// The tables of a run (replications, summary, detail and label tables) without the root
/// metadata, into the file's current group prefix: one variant of an experiment.
void write_tables(io::ResultFile& file, const scenario::Scenario& s,
                  const std::vector<stats::ReplicationResult>& results);

}  // namespace sim::run
