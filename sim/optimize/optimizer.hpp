// motcua optimize: the search, then a final stage on fresh replications with a stated guarantee.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/optimize/evaluator.hpp"
#include "sim/optimize/search.hpp"
#include "sim/optimize/selection.hpp"

namespace sim::optimize {

/// One layout of the final stage and what the procedure concluded about it.
struct FinalEntry {
  std::size_t id = 0;
  std::vector<Decision> checks;           ///< one per constraint (undecided: not needed)
  std::vector<std::uint64_t> check_size;  ///< replications each check used
  Decision decision = Decision::undecided;
  bool selection_survived = false;  ///< metric objective: kept by the screen
  bool indifferent = false;         ///< metric objective: within delta of the selected one
  std::size_t rank = 0;             ///< 1 = recommended
};

/// What motcua optimize concluded.
struct Result {
  SearchResult search;
  std::vector<FinalEntry> final;             ///< in final-set order
  std::optional<std::size_t> recommended;    ///< candidate id; none = infeasible
  std::optional<std::size_t> selected_best;  ///< metric objective: the best mean at N
  bool indifference = false;    ///< metric objective: other layouts within delta of the best
  bool guarantee_holds = true;  ///< false when a check was capped at max_replications
  double alpha_feasibility = 0.0;
  double alpha_selection = 0.0;
  double t_feasibility = 0.0;  ///< t_{1 - alpha_f/(2 K m), n0 - 1}
  Selection selection;         ///< metric objective with two or more feasible layouts
  std::string guarantee;       ///< the statement, in English
  std::string guarantee_vi;    ///< and in Vietnamese
};

/// Runs the whole procedure (see docs/optimize.md). Progress lines go to `progress` if given.
Result optimize(const Goal& goal, Evaluator& ev, std::ostream* progress);

}  // namespace sim::optimize
