// Province scale: which units of a national run get a shared budget of seconded staff.
#include "sim/optimize/province.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "sim/optimize/selection.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/scenario/validate.hpp"
#include "sim/stats/confidence.hpp"
#include "sim/version.hpp"

namespace sim::optimize {
namespace {

using scenario::TableReader;

std::size_t metric_index(const std::string& name) {
  const auto& m = run::summary_metrics(scenario::ScenarioForm::center);
  for (std::size_t i = 0; i < m.size(); ++i)
    if (m[i].name == name) return i;
  return 0;
}

/// The center's scenario with `k` seconded officers: the secondment transform on the national
/// scaling's result, then the one validation.
scenario::Scenario with_officers(const scenario::NationalScenario& n, std::size_t center,
                                 const ProvinceGoal& goal, int k) {
  auto s = scenario::center_scenario(n, center);
  if (k == 0) return s;
  scenario::CountersPolicy p;
  p.count = k;
  p.speed = goal.speed;
  p.absence_prob = goal.absence_prob;
  for (const auto& d : s.center.domains)
    p.domains.push_back(std::find(goal.domains.begin(), goal.domains.end(), d.id) !=
                        goal.domains.end());
  s.policies.secondment = p;
  std::vector<scenario::Problem> problems;
  s = scenario::find_transform("secondment")->apply(s, problems);
  auto invalid = scenario::validate(s);
  problems.insert(problems.end(), invalid.begin(), invalid.end());
  if (!problems.empty()) throw scenario::InputError(problems);
  return s;
}

/// Visits served within the target or answered, per replication.
std::vector<double> helped(const scenario::NationalScenario& n, std::size_t center,
                           const ProvinceGoal& goal, int k, const run::RunOptions& options) {
  static const std::size_t on_target = metric_index("served_on_target");
  static const std::size_t answered = metric_index("answered");
  auto o = options;
  o.replications = goal.replications;
  o.progress = false;
  std::vector<double> out;
  for (const auto& r : run::run_replications(with_officers(n, center, goal, k), o))
    out.push_back(r.summary.values[on_target] + r.summary.values[answered]);
  return out;
}

double mean_gain(const std::vector<double>& with, const std::vector<double>& without) {
  double sum = 0.0;
  for (std::size_t r = 0; r < with.size(); ++r) sum += with[r] - without[r];
  return sum / static_cast<double>(with.size());
}

std::string unit_name(const scenario::NationalScenario& n, std::size_t center) {
  const auto& u = n.dataset.units[n.centers[center].unit];
  return std::string(scenario::to_string(u.type)) + " " + u.name;
}

std::string fixed(double x, int digits, bool vi) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << x;
  auto s = out.str();
  if (s.find_first_not_of("-0.,") == std::string::npos && s[0] == '-') s.erase(0, 1);  // no "-0"
  if (vi) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

}  // namespace

ProvinceGoal read_province_goal(const std::string& path, const scenario::NationalScenario& n) {
  ProvinceGoal g;
  g.path = path;
  scenario::ProblemList problems{path, {}};
  auto root = scenario::parse_toml_file(path, problems.items, "goal file", &g.text);
  if (!root) throw scenario::InputError(problems.items);
  TableReader top(*root, "", problems);
  if (auto t = top.table("province", true)) {
    const auto ranged = [&](const char* key, bool required, std::int64_t low, std::int64_t high,
                            std::int64_t fallback) {
      const auto v = t->integer(key, required);
      if (!v) return fallback;
      t->check(*v >= low && *v <= high, key,
               "value " + std::to_string(*v) + " is out of range: expected " + std::to_string(low) +
                   " to " + std::to_string(high));
      return std::clamp(*v, low, high);
    };
    g.budget = static_cast<int>(ranged("budget", true, 1, 10000, 1));
    g.max_per_unit = static_cast<int>(ranged("max_per_unit", true, 1, 100, 1));
    g.replications = static_cast<std::uint64_t>(ranged("replications", false, 2, 10000, 10));
    g.domains = t->strings("domains", true).value_or(std::vector<std::string>{});
    t->check(!g.domains.empty(), "domains", "give the domains the seconded officers serve");
    g.units = t->strings("units", false).value_or(std::vector<std::string>{});
    std::set<std::string> codes;
    for (const auto& c : n.centers) codes.insert(n.dataset.units[c.unit].code);
    for (const auto& u : g.units)
      t->check(codes.count(u) > 0, "units",
               "unit \"" + u +
                   "\" is not a center of this national run (check its code and "
                   "national.provinces)");
    const auto number = [&](const char* key, double low, double high, double fallback) {
      const auto v = t->number(key, false);
      if (!v) return fallback;
      std::ostringstream text;
      text << "value " << *v << " is out of range: expected " << low << " to " << high;
      t->check(*v >= low && *v <= high, key, text.str());
      return *v;
    };
    g.speed = number("speed", 0.01, 10.0, g.speed);
    g.absence_prob = number("absence_prob", 0.0, 0.99, g.absence_prob);
    g.alpha = number("alpha", 0.001, 0.5, g.alpha);
    t->finish();
  }
  top.finish();
  if (!problems.items.empty()) throw scenario::InputError(problems.items);
  return g;
}

ProvinceResult allocate(const scenario::NationalScenario& n, const ProvinceGoal& goal,
                        const run::RunOptions& options, std::ostream* progress) {
  ProvinceResult r;
  for (std::size_t c = 0; c < n.centers.size(); ++c) {
    const auto& code = n.dataset.units[n.centers[c].unit].code;
    if (goal.units.empty() ||
        std::find(goal.units.begin(), goal.units.end(), code) != goal.units.end())
      r.units.push_back(UnitAllocation{c, 0, {}, {}, {}, {}});
  }
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    if (progress)
      *progress << "unit " << u + 1 << "/" << r.units.size() << ": "
                << unit_name(n, r.units[u].center) << "\n"
                << std::flush;
    r.units[u].base = r.units[u].helped = helped(n, r.units[u].center, goal, 0, options);
    r.units[u].next = helped(n, r.units[u].center, goal, 1, options);
  }
  while (r.assigned < goal.budget) {
    std::optional<std::size_t> best;
    double gain = 0.0;
    for (std::size_t u = 0; u < r.units.size(); ++u) {
      if (r.units[u].next.empty()) continue;
      const double g = mean_gain(r.units[u].next, r.units[u].helped);
      if (g > gain) gain = g, best = u;
    }
    if (!best) break;  // no further officer helps anywhere
    auto& unit = r.units[*best];
    ++unit.officers;
    unit.previous = std::move(unit.helped);
    unit.helped = std::move(unit.next);
    unit.next.clear();
    ++r.assigned;
    if (progress)
      *progress << "officer " << r.assigned << " -> " << unit_name(n, unit.center) << " (+"
                << fixed(gain, 1, false) << " visits in time)\n"
                << std::flush;
    if (unit.officers < goal.max_per_unit)
      unit.next = helped(n, unit.center, goal, unit.officers + 1, options);
  }
  std::size_t receiving = 0;
  for (const auto& u : r.units) receiving += u.officers > 0;
  r.t_unit =
      t_quantile(goal.alpha / (2.0 * static_cast<double>(std::max<std::size_t>(1, receiving))),
                 goal.replications - 1);
  return r;
}

namespace {

struct Gain {
  double mean = 0.0, low = 0.0, high = 0.0;
};

Gain gain_of(const std::vector<double>& with, const std::vector<double>& without, double t) {
  std::vector<double> d;
  for (std::size_t r = 0; r < with.size(); ++r) d.push_back(with[r] - without[r]);
  const auto ci = stats::confidence_interval(d);
  const double half = t * ci.std_error;
  return {ci.mean, ci.mean - half, ci.mean + half};
}

Gain total_gain(const ProvinceResult& r, double alpha) {
  std::vector<double> total(r.units.empty() ? 0 : r.units.front().helped.size(), 0.0);
  for (const auto& u : r.units)
    for (std::size_t i = 0; i < total.size(); ++i) total[i] += u.helped[i] - u.base[i];
  const auto ci = stats::confidence_interval(total);
  const double t = total.size() > 1 ? t_quantile(alpha / 2, total.size() - 1) : 0.0;
  return {ci.mean, ci.mean - t * ci.std_error, ci.mean + t * ci.std_error};
}

}  // namespace

std::string province_advice(const scenario::NationalScenario& n, const ProvinceGoal& goal,
                            const ProvinceResult& r, const std::string& lang) {
  const bool vi = lang == "vi";
  std::string where;
  for (const auto& u : r.units)
    if (u.officers > 0)
      where += (where.empty() ? "" : ", ") + unit_name(n, u.center) + " (" +
               std::to_string(u.officers) + ")";
  const auto total = total_gain(r, goal.alpha);
  const auto conf = fixed(100 * (1 - goal.alpha), 0, vi) + " %";
  if (r.assigned == 0)
    return vi ? "Không đơn vị nào được lợi rõ rệt từ cán bộ biệt phái: không cần điều động."
              : "No unit gains from a seconded officer: none need be sent.";
  std::string text =
      vi ? "Điều " + std::to_string(r.assigned) + " cán bộ biệt phái về: " + where + "; thêm " +
               fixed(total.mean, 0, true) +
               " lượt được phục vụ trong thời gian chờ "
               "mục tiêu trong kỳ mô phỏng (khoảng tin cậy " +
               conf + ": " + fixed(total.low, 0, true) + " đến " + fixed(total.high, 0, true) + ")."
         : "Send " + std::to_string(r.assigned) + " seconded officers to: " + where + "; " +
               fixed(total.mean, 0, false) +
               " more visits served within the target over the run (" + conf + " interval " +
               fixed(total.low, 0, false) + " to " + fixed(total.high, 0, false) + ").";
  if (r.assigned < goal.budget)
    text += vi ? " " + std::to_string(goal.budget - r.assigned) +
                     " cán bộ còn lại không giúp thêm được ở đơn vị nào."
               : " The other " + std::to_string(goal.budget - r.assigned) + " would help nowhere.";
  return text;
}

void write_province(io::ResultFile& file, const scenario::NationalScenario& n,
                    const ProvinceGoal& goal, const ProvinceResult& r,
                    const run::RunOptions& options) {
  file.write_metadata(io::RunMetadata{program_version, n.name, n.source_path, n.source_text,
                                      options.seed, goal.replications, "", n.resolved_text});
  file.set_root_attribute("experiment", "optimize_province");
  file.set_root_attribute("goal_path", goal.path);
  file.set_root_attribute("goal_text", goal.text);
  const stats::TableDef def{
      "allocation",
      "one row per unit considered: seconded officers assigned and the visits served within the "
      "target or answered over the run, with them and without (means over replications), and "
      "the paired gain's interval (Bonferroni over the units receiving officers)",
      {{"officers", "persons", "seconded officers assigned"},
       {"helped", "visits", "visits served within the target or answered, with them"},
       {"helped_without", "visits", "the same without seconded officers"},
       {"gain", "visits", "mean paired gain"},
       {"gain_low", "visits", "lower end of the gain's Bonferroni interval"},
       {"gain_high", "visits", "upper end of the gain's Bonferroni interval"},
       {"last_gain", "visits", "mean gain of the unit's last officer (NaN: none assigned)"},
       {"next_gain", "visits", "mean gain of one more officer (NaN: at max_per_unit)"}}};
  stats::TableRows rows;
  std::vector<std::string> code, name, province;
  for (const auto& u : r.units) {
    const auto g = gain_of(u.helped, u.base, r.t_unit);
    const auto with = stats::confidence_interval(u.helped),
               without = stats::confidence_interval(u.base);
    const double nan = std::nan("");
    rows.push_back({static_cast<double>(u.officers), with.mean, without.mean, g.mean,
                    u.officers ? g.low : 0.0, u.officers ? g.high : 0.0,
                    u.previous.empty() ? nan : mean_gain(u.helped, u.previous),
                    u.next.empty() ? nan : mean_gain(u.next, u.helped)});
    const auto& unit = n.dataset.units[n.centers[u.center].unit];
    code.push_back(unit.code);
    name.push_back(unit_name(n, u.center));
    province.push_back(unit.province_name);
  }
  file.write_table(def, rows, {{"code", code}, {"name", name}, {"province", province}});
  const auto total = total_gain(r, goal.alpha);
  std::ostringstream totals;
  totals << total.mean << " [" << total.low << ", " << total.high << "]";
  file.write_labels(
      "recommendation",
      "one row: officers assigned of the budget, the total gain in visits served within the "
      "target (mean [interval at 1 - alpha]), the advice in Vietnamese and English",
      {{"outcome", {"allocation"}},
       {"assigned", {std::to_string(r.assigned) + " of " + std::to_string(goal.budget)}},
       {"total_gain", {totals.str()}},
       {"advice_vi", {province_advice(n, goal, r, "vi")}},
       {"advice_en", {province_advice(n, goal, r, "en")}}});
}

}  // namespace sim::optimize
