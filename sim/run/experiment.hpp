// Several variants of one scenario run on common random numbers, and their paired comparison.
#pragma once

#include <string>
#include <vector>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"
#include "sim/stats/variant_comparison.hpp"

namespace sim::run {

/// A variant: the experiment's scenario plus these overlays and settings (after the base's own),
/// or, with `scenario`, another full scenario file (with these overlays and the settings) whose
/// demand must be the base's.
struct VariantSpec {
  std::string name;
  std::vector<std::string> overlays;
  std::vector<std::string> settings;  ///< TOML lines, "policies.robot.accuracy = 0.9"
  std::string scenario;               ///< a full scenario instead of the base's; "" = the base's
};

/// A variant as loaded and run.
struct VariantRun {
  VariantSpec spec;
  scenario::Scenario scenario;
  std::vector<stats::ReplicationResult> results;
};

/// The experiment: variants[0] is the base the others are compared with.
struct Experiment {
  std::string kind;  ///< "compare" or "sweep"
  std::string sweep_key;
  std::vector<VariantRun> variants;
};

/// Loads every variant first (all their problems are reported together before anything runs;
/// names must be unique, non-empty and free of '/'; a full-scenario variant must have the
/// base's demand — [demand], [online], run dates, catalogue — or common random numbers would
/// compare different citizens), then runs every (variant, replication)
/// unit on one thread pool. Replication r of every variant uses the same root seed and index,
/// so the same citizens arrive in every variant: common random numbers.
Experiment run_experiment(const std::string& kind, const std::string& scenario_path,
                          const std::vector<std::string>& base_overlays,
                          const std::vector<std::string>& base_settings,
                          const std::vector<VariantSpec>& variants, const RunOptions& options);

/// Variant v (v >= 1) against the base, metric by metric (summary metrics).
std::vector<stats::MetricComparison> compare_with_base(const Experiment& e, std::size_t v);

/// Root metadata (the base's), /variants, every variant's tables under /variant/<name>/, and
/// /comparison (every variant against the base).
void write_experiment(io::ResultFile& file, const Experiment& e, const RunOptions& options);

}  // namespace sim::run
