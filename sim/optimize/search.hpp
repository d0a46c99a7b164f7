// The search over layouts: greedy marginal analysis from the lower bounds, then a local search.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <vector>

#include "sim/optimize/evaluator.hpp"

namespace sim::optimize {

/// How far a candidate's search means fall short of the constraints: the sum over constraints
/// of the violation in units of the constraint's tolerance (0 = looks feasible; a NaN mean
/// counts as a large shortfall).
double shortfall(const Goal& goal, const Evaluator& ev, std::size_t id, Block block);

/// The objective to maximise: -cost, or the metric's mean (negated when minimised).
double merit(const Goal& goal, const Evaluator& ev, std::size_t id, Block block);

struct SearchResult {
  std::optional<std::size_t> incumbent;  ///< best layout that looks feasible, if any
  std::size_t greedy_steps = 0;
  std::size_t local_steps = 0;
  bool hit_limit = false;  ///< stopped at [statistics] max_evaluations
};

/// Greedy marginal analysis: from every variable at its lower bound (a choice at its cheapest
/// option), each step simulates the one-step increases and takes the one that removes the most
/// shortfall per unit of cost (once feasible, a metric objective keeps climbing by merit per
/// cost). Then a local search moves to the best neighbour (one variable +-1, a swap of one unit
/// between two variables, another option) while one improves: cheaper and still looking
/// feasible, or better merit within the budget. Every layout gets the same search
/// replications (common random numbers).
SearchResult search(const Goal& goal, Evaluator& ev, std::ostream* progress);

/// The layouts passed to the final stage (at most final_candidates): with an incumbent, it and,
/// for a cost objective, the cheaper layouts closest to feasible, for a metric objective the
/// feasible-looking layouts of best merit; without one, the layouts closest to feasible.
std::vector<std::size_t> final_set(const Goal& goal, const Evaluator& ev, const SearchResult& s);

}  // namespace sim::optimize
