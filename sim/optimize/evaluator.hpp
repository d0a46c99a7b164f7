// Runs layouts of the goal as scenario variants on common random numbers and keeps their rows.
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "sim/optimize/goal.hpp"
#include "sim/run/experiment.hpp"

namespace sim::optimize {

/// The independent blocks of replications: the search's, the final feasibility checks' and the
/// final selection's. Block b starts at replication index b x block_stride, so the final stage
/// sees fresh random numbers (its guarantee does not depend on what the search saw) while every
/// layout in one block sees the same citizens (common random numbers).
enum class Block { search = 0, feasibility = 1, selection = 2 };
inline constexpr std::uint64_t block_stride = 1'000'000;

/// One layout and the summary rows of its replications, by block.
struct Candidate {
  Layout layout;
  std::string name;  ///< "L<index>"
  double cost = 0.0;
  std::vector<stats::ReplicationRow> rows[3];
};

/// Where the base scenario comes from and how to run.
struct BaseSpec {
  std::string path;
  std::vector<std::string> overlays;
  std::vector<std::string> settings;
};

class Evaluator {
 public:
  Evaluator(const Goal& goal, BaseSpec base, scenario::Scenario base_scenario,
            run::RunOptions options, std::ostream* progress);

  /// The candidate of `layout`, added (not yet run) when new.
  std::size_t add(const Layout& layout);
  /// Runs every (candidate, n) target up to n replications of `block`; candidates with the
  /// same replications so far are run together as one experiment on the same random numbers.
  void ensure(const std::vector<std::pair<std::size_t, std::uint64_t>>& targets, Block block);
  void ensure(const std::vector<std::size_t>& ids, Block block, std::uint64_t n);

  /// Replication values of one summary metric, the first n (all when n = 0) of a block.
  std::vector<double> values(std::size_t id, Block block, const std::string& metric,
                             std::uint64_t n = 0) const;
  double mean(std::size_t id, Block block, const std::string& metric, std::uint64_t n = 0) const;

  const std::vector<Candidate>& candidates() const { return candidates_; }
  const Candidate& candidate(std::size_t id) const { return candidates_.at(id); }
  std::uint64_t replications_run() const { return replications_run_; }
  const scenario::Scenario& base() const { return base_scenario_; }
  const BaseSpec& base_spec() const { return base_; }
  const run::RunOptions& options() const { return options_; }

 private:
  const Goal& goal_;
  BaseSpec base_;
  scenario::Scenario base_scenario_;
  run::RunOptions options_;
  std::ostream* progress_;
  std::vector<Candidate> candidates_;
  std::map<Layout, std::size_t> index_;
  std::vector<std::string> metric_names_;
  std::uint64_t replications_run_ = 0;
};

}  // namespace sim::optimize
