// What motcua optimize may change, at what cost, and what the result must achieve (the goal file).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/optimize/selection.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::optimize {

/// How a decision variable changes the scenario.
enum class VariableKind {
  key,       ///< an integer scenario key (station.counters, back_office.workers, ...)
  counters,  ///< counters added for some domains, one officer each
  choice,    ///< one of several named options, each a set of overlays and settings
};

/// One option of a choice variable.
struct ChoiceOption {
  std::string name;
  std::vector<std::string> overlays;  ///< absolute paths
  std::vector<std::string> settings;  ///< TOML lines
  double cost = 0.0;
};

/// A decision variable with integer values min..max (a choice: option indices).
struct Variable {
  std::string name;
  std::string label;     ///< how the advice names it in English (default: name)
  std::string label_vi;  ///< and in Vietnamese (default: label)
  VariableKind kind = VariableKind::key;
  std::string key;                   ///< key kind: the dotted scenario key
  std::vector<std::string> domains;  ///< counters kind: the domains the new counters serve
  double absence_prob = 0.1;         ///< counters kind: the new officers' absence per session
  std::vector<std::string> with;     ///< settings always applied with this variable
  std::vector<ChoiceOption> options;
  int min = 0;
  int max = 0;
  double cost = 0.0;  ///< per unit of value (key and counters kinds)
  int today = 0;      ///< its value in today's layout (the base scenario)
};

/// A bound on a summary metric's mean: at_least / at_most `bound`, with tolerance eps (a layout
/// within eps of the bound may be judged either way).
struct Constraint {
  std::string metric;
  Sense sense = Sense::at_least;
  double bound = 0.0;
  double tolerance = 0.0;
};

/// The statistical settings of the search and the final stage.
struct Statistics {
  double alpha = 0.05;                   ///< the guarantee holds with probability >= 1 - alpha
  double delta = 0.0;                    ///< indifference zone of a metric objective (its unit)
  std::uint64_t first_stage = 10;        ///< n0: replications before the first look
  std::uint64_t search = 10;             ///< replications per layout during the search
  std::uint64_t max_replications = 400;  ///< refuse a final stage needing more per layout
  std::size_t final_candidates = 8;      ///< layouts passed from the search to the final stage
  std::size_t max_evaluations = 200;     ///< layouts the search may simulate
};

/// The whole goal.
struct Goal {
  std::string path;
  std::string text;
  std::vector<Variable> variables;
  std::vector<Constraint> constraints;
  std::string objective = "cost";  ///< "cost" or a summary metric
  bool maximise = false;
  std::optional<double> budget;  ///< most a layout may cost
  std::string cost_unit = "cost units";
  std::string cost_unit_vi = "đơn vị chi phí";
  Statistics stats;

  bool cost_objective() const { return objective == "cost"; }
};

/// Reads and checks a goal file against the base scenario (metric names, keys, bounds). Every
/// problem is reported together (file, line, key, value, valid range): InputError.
Goal read_goal(const std::string& path, const scenario::Scenario& base);

/// A layout: one value per variable (option index for choices).
using Layout = std::vector<int>;

/// What a layout costs: sum of cost x value, and the chosen options' costs.
double layout_cost(const Goal& goal, const Layout& layout);

/// Today's layout (every variable at its `today` value).
Layout today_layout(const Goal& goal);

/// "name=value, ..." for tables and messages (choices by option name).
std::string layout_text(const Goal& goal, const Layout& layout);

}  // namespace sim::optimize
