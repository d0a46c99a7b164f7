// What motcua optimize may change, at what cost, and what the result must achieve (the goal file).
#include "sim/optimize/goal.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <sstream>

#include "sim/run/replication.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/stats/variant_comparison.hpp"

namespace sim::optimize {
namespace {

namespace fs = std::filesystem;
using scenario::ProblemList;
using scenario::TableReader;

std::string num(double x) {
  std::ostringstream out;
  out << x;
  return out.str();
}

bool is_metric(const scenario::Scenario& base, const std::string& name) {
  const auto& m = run::summary_metrics(base.form);
  return std::any_of(m.begin(), m.end(), [&](const auto& d) { return d.name == name; });
}

std::string metric_names(const scenario::Scenario& base) {
  std::string text;
  for (const auto& d : run::summary_metrics(base.form))
    if (stats::better_direction(d.name) != stats::Better::none)
      text += (text.empty() ? "" : ", ") + d.name;
  return text;
}

/// A number under `key` within [low, high] (open ends when the flags say so).
std::optional<double> bounded(TableReader& t, const std::string& key, bool required, double low,
                              double high, bool open_low = false, bool open_high = false,
                              std::optional<double> fallback = std::nullopt) {
  auto v = t.number(key, required);
  if (!v) return fallback;
  const bool ok = std::isfinite(*v) && (open_low ? *v > low : *v >= low) &&
                  (open_high ? *v < high : *v <= high);
  t.check(ok, key,
          "value " + num(*v) + " is out of range: expected " + (open_low ? "> " : ">= ") +
              num(low) + " and " + (open_high ? "< " : "<= ") + num(high));
  return ok ? v : std::nullopt;
}

std::optional<std::int64_t> bounded_int(TableReader& t, const std::string& key, bool required,
                                        std::int64_t low, std::int64_t high) {
  auto v = t.integer(key, required);
  if (!v) return std::nullopt;
  const bool ok = *v >= low && *v <= high;
  t.check(ok, key,
          "value " + std::to_string(*v) + " is out of range: expected " + std::to_string(low) +
              " to " + std::to_string(high));
  return ok ? v : std::nullopt;
}

std::string absolute_from(const std::string& goal_path, const std::string& relative) {
  const fs::path p(relative);
  if (p.is_absolute()) return relative;
  return (fs::absolute(goal_path).parent_path() / p).lexically_normal().string();
}

/// The integer at a dotted key of the base's resolved text, if there is one.
std::optional<int> base_value(const scenario::Scenario& base, const std::string& key) {
  std::vector<scenario::Problem> ignored;
  const auto root = scenario::parse_toml(base.resolved_text, base.source_path, ignored);
  if (!root) return std::nullopt;
  if (auto v = root->at_path(key).value<std::int64_t>()) return static_cast<int>(*v);
  return std::nullopt;
}

void read_statistics(TableReader& t, Goal& g) {
  auto& s = g.stats;
  s.alpha = *bounded(t, "alpha", false, 0.0, 0.5, true, true, s.alpha);
  s.delta = *bounded(t, "delta", false, 0.0, 1e12, true, false, std::optional<double>(0.0));
  s.first_stage = static_cast<std::uint64_t>(
      bounded_int(t, "first_stage", false, 2, 10000).value_or(s.first_stage));
  s.search = static_cast<std::uint64_t>(
      bounded_int(t, "search_replications", false, 2, 10000).value_or(s.search));
  s.max_replications = static_cast<std::uint64_t>(
      bounded_int(t, "max_replications", false, 2, 100000).value_or(s.max_replications));
  s.final_candidates = static_cast<std::size_t>(
      bounded_int(t, "final_candidates", false, 1, 100).value_or(s.final_candidates));
  s.max_evaluations = static_cast<std::size_t>(
      bounded_int(t, "max_evaluations", false, 1, 100000).value_or(s.max_evaluations));
  t.check(s.first_stage <= s.max_replications, "first_stage",
          "value " + std::to_string(s.first_stage) +
              " exceeds max_replications = " + std::to_string(s.max_replications));
  t.finish();
}

void read_objective(TableReader& t, Goal& g, const scenario::Scenario& base) {
  const auto min = t.string("minimise", false);
  const auto max = t.string("maximise", false);
  t.check(min.has_value() != max.has_value(), "minimise",
          "give exactly one of minimise = \"cost\" (or a metric) and maximise = \"METRIC\"");
  if (min || max) {
    g.objective = min ? *min : *max;
    g.maximise = max.has_value();
    const std::string key = min ? "minimise" : "maximise";
    t.check(g.objective == "cost" ? !g.maximise : is_metric(base, g.objective), key,
            "value \"" + g.objective +
                "\" is not an objective: expected minimise = \"cost\" or "
                "a summary metric, one of " +
                metric_names(base));
  }
  g.budget = bounded(t, "budget", false, 0.0, 1e15);
  if (auto unit = t.string("cost_unit", false)) g.cost_unit = g.cost_unit_vi = *unit;
  if (auto unit = t.string("cost_unit_vi", false)) g.cost_unit_vi = *unit;
  t.finish();
}

void read_options(TableReader& v, Variable& var, const std::string& goal_path) {
  auto options = v.tables("options", true);
  if (!options) return;
  std::set<std::string> names;
  for (auto& o : *options) {
    ChoiceOption opt;
    opt.name = o.string("name", true).value_or("");
    o.check(!opt.name.empty() && names.insert(opt.name).second, "name",
            "option name \"" + opt.name + "\" must be non-empty and unique");
    for (const auto& path : o.strings("overlays", false).value_or(std::vector<std::string>{})) {
      opt.overlays.push_back(absolute_from(goal_path, path));
      o.check(fs::is_regular_file(opt.overlays.back()), "overlays",
              "overlay \"" + path + "\" not found (looked at " + opt.overlays.back() + ")");
    }
    opt.settings = o.strings("settings", false).value_or(std::vector<std::string>{});
    opt.cost = bounded(o, "cost", false, 0.0, 1e12).value_or(0.0);
    o.finish();
    var.options.push_back(std::move(opt));
  }
  v.check(var.options.size() >= 2, "options", "a choice needs at least two options");
  var.min = 0;
  var.max = static_cast<int>(var.options.size()) - 1;
}

Variable read_variable(TableReader& v, const Goal& g, const scenario::Scenario& base) {
  Variable var;
  var.name = v.string("name", true).value_or("");
  v.check(!var.name.empty() && var.name.find_first_of("/=, ") == std::string::npos, "name",
          "value \"" + var.name + "\" must be non-empty, without '/', '=', ',' or spaces");
  var.label = v.string("label", false).value_or(var.name);
  var.label_vi = v.string("label_vi", false).value_or(var.label);
  const auto kind = v.string("kind", false).value_or("key");
  if (kind == "counters") {
    var.kind = VariableKind::counters;
  } else if (kind == "choice") {
    var.kind = VariableKind::choice;
  } else {
    v.check(kind == "key", "kind",
            "value \"" + kind + "\" is not a kind: expected \"key\", \"counters\" or \"choice\"");
  }
  var.with = v.strings("with", false).value_or(std::vector<std::string>{});
  if (var.kind == VariableKind::choice) {
    read_options(v, var, g.path);
    const auto today =
        v.string("today", false)
            .value_or(var.options.empty() ? std::string() : var.options.front().name);
    const auto it = std::find_if(var.options.begin(), var.options.end(),
                                 [&](const auto& o) { return o.name == today; });
    v.check(it != var.options.end() || var.options.empty(), "today",
            "value \"" + today + "\" is not one of the options");
    var.today = it == var.options.end() ? 0 : static_cast<int>(it - var.options.begin());
    v.finish();
    return var;
  }
  var.min = static_cast<int>(bounded_int(v, "min", true, 0, 1000).value_or(0));
  var.max = static_cast<int>(bounded_int(v, "max", true, 0, 1000).value_or(0));
  v.check(var.min <= var.max, "max",
          "value " + std::to_string(var.max) + " is below min = " + std::to_string(var.min));
  var.cost = bounded(v, "cost", true, 0.0, 1e12).value_or(0.0);
  if (var.kind == VariableKind::key) {
    var.key = v.string("key", true).value_or("");
    var.today = base_value(base, var.key).value_or(var.min);
  } else {
    v.check(base.form == scenario::ScenarioForm::center, "kind",
            "counters variables need a center scenario (this one is a station)");
    var.domains = v.strings("domains", true).value_or(std::vector<std::string>{});
    v.check(!var.domains.empty(), "domains", "give the domains the new counters serve");
    var.absence_prob = bounded(v, "absence_prob", false, 0.0, 1.0, false, true, 0.1).value_or(0.1);
    var.today = 0;
  }
  if (auto t = bounded_int(v, "today", false, 0, 1000)) var.today = static_cast<int>(*t);
  v.finish();
  return var;
}

void read_constraint(TableReader& c, Goal& g, const scenario::Scenario& base) {
  Constraint k;
  k.metric = c.string("metric", true).value_or("");
  c.check(
      k.metric.empty() || is_metric(base, k.metric), "metric",
      "value \"" + k.metric + "\" is not a summary metric: expected one of " + metric_names(base));
  const auto low = c.number("at_least", false);
  const auto high = c.number("at_most", false);
  c.check(low.has_value() != high.has_value(), "at_least",
          "give exactly one of at_least = BOUND and at_most = BOUND");
  k.sense = high ? Sense::at_most : Sense::at_least;
  k.bound = low.value_or(high.value_or(0.0));
  c.check(std::isfinite(k.bound), high ? "at_most" : "at_least", "the bound must be finite");
  k.tolerance = bounded(c, "tolerance", true, 0.0, 1e12, true).value_or(1.0);
  c.finish();
  g.constraints.push_back(k);
}

}  // namespace

Goal read_goal(const std::string& path, const scenario::Scenario& base) {
  Goal g;
  g.path = path;
  ProblemList problems{path, {}};
  auto root = scenario::parse_toml_file(path, problems.items, "goal file", &g.text);
  if (!root) throw scenario::InputError(problems.items);
  TableReader top(*root, "", problems);
  if (auto t = top.table("goal", true)) read_objective(*t, g, base);
  if (auto t = top.table("statistics", false)) read_statistics(*t, g);
  std::set<std::string> names;
  for (auto& v : top.tables("variables", true).value_or(std::vector<TableReader>{})) {
    g.variables.push_back(read_variable(v, g, base));
    v.check(names.insert(g.variables.back().name).second, "name",
            "variable \"" + g.variables.back().name + "\" is declared twice");
  }
  for (auto& c : top.tables("constraints", false).value_or(std::vector<TableReader>{}))
    read_constraint(c, g, base);
  top.finish();
  if (!g.cost_objective()) {
    top.check(g.stats.delta > 0, "statistics",
              "a metric objective needs [statistics] delta > 0: the smallest difference in " +
                  g.objective + " worth telling apart");
  }
  // Every citizen counts: a goal on waits alone would reward sending people home.
  const auto& lead = stats::verdict_metrics();
  const auto counts = [&](const std::string& m) {
    return std::find(lead.begin(), lead.end(), m) != lead.end();
  };
  bool everyone = !g.cost_objective() && counts(g.objective);
  for (const auto& c : g.constraints) everyone = everyone || counts(c.metric);
  top.check(everyone || !problems.items.empty(), "constraints",
            "the goal must bound or optimise one of service_level, unserved_share, helped, "
            "served, turned_away: a goal on waiting times alone would reward sending people home");
  if (!problems.items.empty()) throw scenario::InputError(problems.items);
  return g;
}

double layout_cost(const Goal& goal, const Layout& layout) {
  double cost = 0.0;
  for (std::size_t i = 0; i < goal.variables.size(); ++i) {
    const auto& v = goal.variables[i];
    cost += v.kind == VariableKind::choice ? v.options[static_cast<std::size_t>(layout[i])].cost
                                           : v.cost * layout[i];
  }
  return cost;
}

Layout today_layout(const Goal& goal) {
  Layout l;
  for (const auto& v : goal.variables) l.push_back(v.today);
  return l;
}

std::string layout_text(const Goal& goal, const Layout& layout) {
  std::string text;
  for (std::size_t i = 0; i < goal.variables.size(); ++i) {
    const auto& v = goal.variables[i];
    text += (i ? ", " : "") + v.name + "=" +
            (v.kind == VariableKind::choice ? v.options[static_cast<std::size_t>(layout[i])].name
                                            : std::to_string(layout[i]));
  }
  return text;
}

}  // namespace sim::optimize
