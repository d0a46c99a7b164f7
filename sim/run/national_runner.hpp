// A national run: every (replication, center) unit on one thread pool, reduced in a fixed order.
#pragma once

#include <vector>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/national_scenario.hpp"

namespace sim::run {

/// Each center's summary row of each replication: rows[r * centers + c], values in the order
/// of summary_metrics(center form). Only summary rows are kept (no detail tables), so memory
/// grows with centers and replications, not with simulated days or citizens.
struct NationalResults {
  std::size_t centers = 0;
  std::vector<std::vector<double>> rows;
  const std::vector<double>& row(std::size_t replication, std::size_t center) const {
    return rows[replication * centers + center];
  }
};

/// Runs every (replication, center) unit as an independent task (a center's random streams
/// are keyed by its code, so the result does not depend on the thread count or on which other
/// centers are in the run). The progress bar counts centers, with rate and ETA.
NationalResults run_national(const scenario::NationalScenario& n, const RunOptions& options);

/// Root metadata, /centers (labels), /center_results (compact per-center rows),
/// /provinces (labels), /province_results, /national_results and /national_summary.
void write_national(io::ResultFile& file, const scenario::NationalScenario& n,
                    const RunOptions& options, const NationalResults& results);

/// The province rows of one replication: the aggregate of its centers, in province order
/// (provinces with no center in the run are left out; `provinces` receives their indices).
std::vector<std::vector<double>> province_rows(const scenario::NationalScenario& n,
                                               const NationalResults& results,
                                               std::size_t replication,
                                               std::vector<std::size_t>& provinces);

}  // namespace sim::run
