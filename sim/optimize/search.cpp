// The search over layouts: greedy marginal analysis from the lower bounds, then a local search.
#include "sim/optimize/search.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <string>

namespace sim::optimize {
namespace {

constexpr double tiny_cost = 1e-9;
constexpr double nan_shortfall = 1e9;

std::string short_number(double x) {
  std::ostringstream out;
  out.precision(4);
  out << x;
  return out.str();
}

bool within_budget(const Goal& goal, const Layout& l) {
  return !goal.budget || layout_cost(goal, l) <= *goal.budget + 1e-9;
}

bool in_bounds(const Goal& goal, const Layout& l) {
  for (std::size_t i = 0; i < l.size(); ++i)
    if (l[i] < goal.variables[i].min || l[i] > goal.variables[i].max) return false;
  return true;
}

Layout start_layout(const Goal& goal) {
  Layout l;
  for (const auto& v : goal.variables) {
    if (v.kind != VariableKind::choice) {
      l.push_back(v.min);
      continue;
    }
    const auto cheapest =
        std::min_element(v.options.begin(), v.options.end(),
                         [](const auto& a, const auto& b) { return a.cost < b.cost; });
    l.push_back(static_cast<int>(cheapest - v.options.begin()));
  }
  return l;
}

/// One-step increases (a choice: every other option).
std::vector<Layout> up_moves(const Goal& goal, const Layout& x) {
  std::vector<Layout> out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const auto& v = goal.variables[i];
    for (int value = v.min; value <= v.max; ++value) {
      const bool step = v.kind == VariableKind::choice ? value != x[i] : value == x[i] + 1;
      if (!step) continue;
      Layout y = x;
      y[i] = value;
      if (within_budget(goal, y)) out.push_back(y);
    }
  }
  return out;
}

/// Every layout one move away: +-1, a unit moved between two variables, another option.
std::vector<Layout> neighbours(const Goal& goal, const Layout& x) {
  std::set<Layout> out;
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (int d : {-1, 1}) {
      Layout y = x;
      y[i] += d;
      if (goal.variables[i].kind == VariableKind::choice) continue;
      out.insert(y);
      for (std::size_t j = 0; j < x.size(); ++j) {
        if (j == i || goal.variables[j].kind == VariableKind::choice) continue;
        Layout z = y;
        z[j] -= d;
        out.insert(z);
      }
    }
    if (goal.variables[i].kind == VariableKind::choice) {
      for (int o = goal.variables[i].min; o <= goal.variables[i].max; ++o) {
        Layout y = x;
        y[i] = o;
        if (o != x[i]) out.insert(y);
      }
    }
  }
  std::vector<Layout> kept;
  for (const auto& y : out)
    if (in_bounds(goal, y) && within_budget(goal, y)) kept.push_back(y);
  return kept;
}

/// Adds and runs layouts; false when the evaluation limit left some of them out.
bool evaluate(const Goal& goal, Evaluator& ev, const std::vector<Layout>& layouts,
              std::vector<std::size_t>& ids) {
  ids.clear();
  bool complete = true;
  for (const auto& l : layouts) {
    const bool known = std::any_of(ev.candidates().begin(), ev.candidates().end(),
                                   [&](const auto& c) { return c.layout == l; });
    if (!known && ev.candidates().size() >= goal.stats.max_evaluations) {
      complete = false;
      continue;
    }
    ids.push_back(ev.add(l));
  }
  ev.ensure(ids, Block::search, goal.stats.search);
  return complete;
}

}  // namespace

double shortfall(const Goal& goal, const Evaluator& ev, std::size_t id, Block block) {
  double total = 0.0;
  for (const auto& c : goal.constraints) {
    const double m = ev.mean(id, block, c.metric);
    if (std::isnan(m)) return nan_shortfall;
    const double gap = c.sense == Sense::at_least ? c.bound - m : m - c.bound;
    total += std::max(0.0, gap) / c.tolerance;
  }
  return total;
}

double merit(const Goal& goal, const Evaluator& ev, std::size_t id, Block block) {
  if (goal.cost_objective()) return -ev.candidate(id).cost;
  const double m = ev.mean(id, block, goal.objective);
  return goal.maximise ? m : -m;
}

SearchResult search(const Goal& goal, Evaluator& ev, std::ostream* progress) {
  SearchResult result;
  const auto say = [&](const std::string& text) {
    if (progress) *progress << text << "\n" << std::flush;
  };
  std::vector<std::size_t> ids;
  evaluate(goal, ev, {start_layout(goal)}, ids);
  std::size_t x = ids.front();
  std::set<Layout> visited{ev.candidate(x).layout};
  const auto feasible = [&](std::size_t id) { return shortfall(goal, ev, id, Block::search) == 0; };
  // Greedy marginal analysis.
  while (true) {
    if (feasible(x) && goal.cost_objective()) break;
    std::vector<Layout> moves;
    for (auto& y : up_moves(goal, ev.candidate(x).layout))
      if (!visited.count(y)) moves.push_back(y);
    if (moves.empty()) break;
    if (!evaluate(goal, ev, moves, ids)) {
      result.hit_limit = true;
      break;
    }
    const double cost_x = ev.candidate(x).cost;
    std::optional<std::size_t> best;
    double best_ratio = -std::numeric_limits<double>::infinity();
    for (auto y : ids) {
      const double dc = std::max(ev.candidate(y).cost - cost_x, tiny_cost);
      double ratio;
      if (!feasible(x)) {
        ratio =
            (shortfall(goal, ev, x, Block::search) - shortfall(goal, ev, y, Block::search)) / dc;
      } else {
        if (!feasible(y)) continue;
        ratio = (merit(goal, ev, y, Block::search) - merit(goal, ev, x, Block::search)) / dc;
      }
      if (ratio > best_ratio) best_ratio = ratio, best = y;
    }
    if (!best || (feasible(x) && best_ratio <= 0)) break;
    if (!feasible(x) && best_ratio <= 0) {
      // No single step helps: take the least short (then cheapest) and keep climbing.
      best = *std::min_element(ids.begin(), ids.end(), [&](auto a, auto b) {
        const double sa = shortfall(goal, ev, a, Block::search);
        const double sb = shortfall(goal, ev, b, Block::search);
        return sa != sb ? sa < sb : ev.candidate(a).cost < ev.candidate(b).cost;
      });
    }
    x = *best;
    visited.insert(ev.candidate(x).layout);
    ++result.greedy_steps;
    say("greedy step " + std::to_string(result.greedy_steps) + ": " +
        layout_text(goal, ev.candidate(x).layout) + " (cost " + short_number(ev.candidate(x).cost) +
        ", shortfall " + short_number(shortfall(goal, ev, x, Block::search)) + ")");
  }
  // The incumbent: the best feasible-looking layout simulated so far.
  const auto better = [&](std::size_t a, std::size_t b) {
    const double ma = merit(goal, ev, a, Block::search), mb = merit(goal, ev, b, Block::search);
    return ma != mb ? ma > mb : ev.candidate(a).cost < ev.candidate(b).cost;
  };
  const auto best_feasible = [&]() -> std::optional<std::size_t> {
    std::optional<std::size_t> out;
    for (std::size_t id = 0; id < ev.candidates().size(); ++id)
      if (feasible(id) && within_budget(goal, ev.candidate(id).layout) &&
          (!out || better(id, *out)))
        out = id;
    return out;
  };
  result.incumbent = best_feasible();
  // Local search from the incumbent.
  while (result.incumbent && !result.hit_limit) {
    if (!evaluate(goal, ev, neighbours(goal, ev.candidate(*result.incumbent).layout), ids))
      result.hit_limit = true;
    const auto next = best_feasible();
    if (!next || *next == *result.incumbent) break;
    result.incumbent = next;
    ++result.local_steps;
    say("local search step " + std::to_string(result.local_steps) + ": " +
        layout_text(goal, ev.candidate(*next).layout) + " (cost " +
        short_number(ev.candidate(*next).cost) + ")");
  }
  if (result.hit_limit) say("the search stopped at max_evaluations layouts");
  return result;
}

std::vector<std::size_t> final_set(const Goal& goal, const Evaluator& ev, const SearchResult& s) {
  const auto k = goal.stats.final_candidates;
  std::vector<std::size_t> looks, others;
  for (std::size_t id = 0; id < ev.candidates().size(); ++id) {
    if (!within_budget(goal, ev.candidate(id).layout)) continue;
    (shortfall(goal, ev, id, Block::search) == 0 ? looks : others).push_back(id);
  }
  // Feasible-looking layouts by merit (for a cost objective: cheapest first), the incumbent
  // first; the others by shortfall, for a cost objective only those cheaper than the incumbent.
  const auto by_merit = [&](auto a, auto b) {
    const bool ia = s.incumbent && a == *s.incumbent, ib = s.incumbent && b == *s.incumbent;
    if (ia != ib) return ia;
    const double ma = merit(goal, ev, a, Block::search), mb = merit(goal, ev, b, Block::search);
    return ma != mb ? ma > mb : a < b;
  };
  std::sort(looks.begin(), looks.end(), by_merit);
  if (s.incumbent && goal.cost_objective()) {
    const double cap = ev.candidate(*s.incumbent).cost;
    std::erase_if(others, [&](auto id) { return ev.candidate(id).cost > cap; });
  }
  if (s.incumbent && !goal.cost_objective()) others.clear();
  std::sort(others.begin(), others.end(), [&](auto a, auto b) {
    const double sa = shortfall(goal, ev, a, Block::search);
    const double sb = shortfall(goal, ev, b, Block::search);
    return sa != sb ? sa < sb : a < b;
  });
  // Half the places (at least one) to the feasible-looking ones, so that a near miss of the
  // incumbent in the final stage still leaves the next best; the rest to the near misses.
  std::vector<std::size_t> out;
  const std::size_t half =
      goal.cost_objective() && !others.empty() ? std::max<std::size_t>(1, k / 2) : k;
  for (std::size_t i = 0; i < looks.size() && out.size() < half; ++i) out.push_back(looks[i]);
  for (std::size_t i = 0; i < others.size() && out.size() < k; ++i) out.push_back(others[i]);
  for (std::size_t i = half; i < looks.size() && out.size() < k; ++i) out.push_back(looks[i]);
  return out;
}

}  // namespace sim::optimize
