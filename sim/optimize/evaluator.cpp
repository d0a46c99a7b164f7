// Runs layouts of the goal as scenario variants on common random numbers and keeps their rows.
#include "sim/optimize/evaluator.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/optimize/layout_variant.hpp"
#include "sim/run/replication.hpp"

namespace sim::optimize {

Evaluator::Evaluator(const Goal& goal, BaseSpec base, scenario::Scenario base_scenario,
                     run::RunOptions options, std::ostream* progress)
    : goal_(goal),
      base_(std::move(base)),
      base_scenario_(std::move(base_scenario)),
      options_(options),
      progress_(progress) {
  for (const auto& m : run::summary_metrics(base_scenario_.form)) metric_names_.push_back(m.name);
}

std::size_t Evaluator::add(const Layout& layout) {
  const auto [it, added] = index_.emplace(layout, candidates_.size());
  if (added) {
    Candidate c;
    c.layout = layout;
    c.name = "L" + std::to_string(candidates_.size());
    c.cost = layout_cost(goal_, layout);
    candidates_.push_back(std::move(c));
  }
  return it->second;
}

void Evaluator::ensure(const std::vector<std::pair<std::size_t, std::uint64_t>>& targets,
                       Block block) {
  const auto b = static_cast<std::size_t>(block);
  // Group by (replications so far, replications wanted): one experiment per group.
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::vector<std::size_t>> groups;
  for (const auto& [id, n] : targets) {
    const auto have = candidates_.at(id).rows[b].size();
    if (have < n) {
      auto& g = groups[{have, n}];
      if (std::find(g.begin(), g.end(), id) == g.end()) g.push_back(id);
    }
  }
  for (const auto& [range, ids] : groups) {
    std::vector<run::VariantSpec> specs;
    for (auto id : ids)
      specs.push_back(
          layout_variant(goal_, base_scenario_, candidates_[id].layout, candidates_[id].name));
    auto options = options_;
    options.first_replication = static_cast<std::uint64_t>(b) * block_stride + range.first;
    options.replications = range.second - range.first;
    if (progress_) {
      *progress_ << "  running " << ids.size() << " layout" << (ids.size() > 1 ? "s" : "") << " x "
                 << options.replications << " replications ("
                 << (block == Block::search        ? "search"
                     : block == Block::feasibility ? "feasibility check"
                                                   : "selection")
                 << ")\n"
                 << std::flush;
    }
    auto e =
        run::run_experiment("optimize", base_.path, base_.overlays, base_.settings, specs, options);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto& rows = candidates_[ids[i]].rows[b];
      for (auto& r : e.variants[i].results) rows.push_back(std::move(r.summary));
    }
    replications_run_ += options.replications * ids.size();
  }
}

void Evaluator::ensure(const std::vector<std::size_t>& ids, Block block, std::uint64_t n) {
  std::vector<std::pair<std::size_t, std::uint64_t>> targets;
  for (auto id : ids) targets.emplace_back(id, n);
  ensure(targets, block);
}

std::vector<double> Evaluator::values(std::size_t id, Block block, const std::string& metric,
                                      std::uint64_t n) const {
  const auto it = std::find(metric_names_.begin(), metric_names_.end(), metric);
  if (it == metric_names_.end()) throw std::invalid_argument("unknown metric " + metric);
  const auto m = static_cast<std::size_t>(it - metric_names_.begin());
  const auto& rows = candidates_.at(id).rows[static_cast<std::size_t>(block)];
  const std::size_t count = n == 0 ? rows.size() : std::min<std::size_t>(n, rows.size());
  std::vector<double> out;
  for (std::size_t r = 0; r < count; ++r) out.push_back(rows[r].values[m]);
  return out;
}

double Evaluator::mean(std::size_t id, Block block, const std::string& metric,
                       std::uint64_t n) const {
  const auto v = values(id, block, metric, n);
  double sum = 0.0;
  for (double x : v) sum += x;
  return v.empty() ? std::nan("") : sum / static_cast<double>(v.size());
}

}  // namespace sim::optimize
