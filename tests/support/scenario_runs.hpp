// Helpers for tests that run whole scenarios: load, run replications, pick columns.
#pragma once

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/stats/confidence.hpp"
#include "sim/stats/summary_collector.hpp"
#include "tests/support/paths.hpp"

namespace test_support {

/// The replication rows of a repository scenario, run on two threads with its own seed.
inline std::vector<sim::stats::ReplicationRow> run_repo_scenario(const std::string& relative) {
  const auto s = sim::scenario::load_scenario(repo_path(relative));
  sim::run::RunOptions options;
  options.replications = s.run.replications;
  options.seed = s.run.seed;
  options.threads = 2;
  std::vector<sim::stats::ReplicationRow> rows;
  for (auto& r : sim::run::run_replications(s, options)) rows.push_back(std::move(r.summary));
  return rows;
}

/// One metric's values over the replications, by column name.
inline std::vector<double> column(const std::vector<sim::stats::ReplicationRow>& rows,
                                  const std::string& metric) {
  const auto& defs = sim::stats::SummaryCollector::metrics();
  const auto it =
      std::find_if(defs.begin(), defs.end(), [&](const auto& d) { return d.name == metric; });
  if (it == defs.end()) throw std::invalid_argument("no metric " + metric);
  const auto m = static_cast<std::size_t>(it - defs.begin());
  std::vector<double> values;
  for (const auto& row : rows) values.push_back(row.values.at(m));
  return values;
}

/// Mean over replications with its standard error (independent replications).
inline sim::stats::ConfidenceInterval across(const std::vector<sim::stats::ReplicationRow>& rows,
                                             const std::string& metric) {
  return sim::stats::confidence_interval(column(rows, metric));
}

}  // namespace test_support
