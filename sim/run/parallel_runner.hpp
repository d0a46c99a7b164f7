// Runs replications on a boost::asio::thread_pool and returns them in replication order.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/io/spill_file.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"

namespace sim::run {

struct RunOptions {
  std::uint64_t replications = 1;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  bool progress = false;
  bool trace = false;  ///< keep one row per visit (memory grows with the citizens simulated)
  /// Index of the first replication run (experiments only): a later batch of the same variants
  /// continues their random streams instead of repeating them (motcua optimize).
  std::uint64_t first_replication = 0;
  /// Where the tables that grow with simulated days go as they are produced; null keeps them
  /// in memory. With a spill file a run's memory does not grow with its length.
  io::SpillFile* spill = nullptr;
};

/// Runs every replication, each as an independent task, and returns the results ordered by
/// replication index: the result does not depend on the number of threads. If any
/// replication throws, the exception of the lowest-numbered failing one is rethrown.
std::vector<stats::ReplicationResult> run_replications(const scenario::Scenario& scenario,
                                                       const RunOptions& options);

}  // namespace sim::run
