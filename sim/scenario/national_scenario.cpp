// A national scenario: every center of the dataset, each built from a template by its class.
#include "sim/scenario/national_scenario.hpp"

#include <filesystem>
#include <set>
#include <sstream>
#include <tuple>

#include <toml++/toml.h>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/national_classes.hpp"
#include "sim/scenario/national_secondment.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/scenario_extends.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/scenario/validate.hpp"

namespace sim::scenario {
namespace {

std::string iso(const toml::date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year),
                static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
  return text;
}

/// Calendar days from `from` to `to` (negative when `to` comes first).
std::int64_t days_between(const toml::date& from, const toml::date& to) {
  return (std::chrono::sys_days(calendar_date(to)) - std::chrono::sys_days(calendar_date(from)))
      .count();
}

/// The dates of the national [run] go into every template, so that every
/// center covers the same days.
std::vector<std::string> run_settings(const toml::date& start, std::int64_t days) {
  return {"run.start_date = " + iso(start), "run.days = " + std::to_string(days)};
}

/// A province's overrides; the defaults (every factor 1) for a province without any.
const ProvinceOverride& province_override(const NationalScenario& n, const std::string& code) {
  static const ProvinceOverride none;
  const auto p = n.overrides.find(code);
  return p == n.overrides.end() ? none : p->second;
}

/// A center's demand: its override's, else its own scenario's (a named unit's class), else its
/// planning population x its class's rate x its province's factor.
double unit_demand(const NationalScenario& n, const NationalUnit& unit, const CenterClass& c,
                   const UnitOverride* o) {
  if (o && o->daily_visits) return *o->daily_visits;
  if (!c.unit_code.empty()) return c.base.center.demand.daily_visits;
  return unit.population / 1000.0 * c.visits_per_1000 *
         province_override(n, unit.province_code).visits_factor;
}

/// Counters: the override's, else (counters_follow_demand) the template's staffing norm, its
/// counters per daily visit, times the demand, rounded up; never fewer than the template's.
std::uint32_t unit_counters(const NationalScenario& n, const CenterClass& c, double daily_visits,
                            const UnitOverride* o) {
  const auto& t = c.base.center;
  const auto have = static_cast<std::uint32_t>(t.counters.size());
  if (o && o->counters) return std::max(have, *o->counters);
  if (!n.counters_follow_demand || !c.unit_code.empty()) return have;
  return counters_by_norm(t, daily_visits);
}

void build_centers(TableReader& top, NationalScenario& n, const std::vector<std::string>& only) {
  for (std::size_t u = 0; u < n.dataset.units.size(); ++u) {
    const auto& unit = n.dataset.units[u];
    if (unit.kind == CenterKind::no_center) continue;
    if (!only.empty() && std::find(only.begin(), only.end(), unit.province_code) == only.end())
      continue;
    const auto found = n.unit_overrides.find(unit.code);
    const UnitOverride* uo = found == n.unit_overrides.end() ? nullptr : &found->second;
    const bool own = uo && !uo->scenario.empty();  // the unit's own scenario is its template
    std::size_t k = 0;
    for (; k < n.classes.size(); ++k) {
      const auto& c = n.classes[k];
      if (own || !c.unit_code.empty()) {
        if (c.unit_code == unit.code) break;
        continue;
      }
      const bool type_ok = std::find(c.types.begin(), c.types.end(), unit.type) != c.types.end();
      if (type_ok && unit.population >= c.min_population && unit.population < c.max_population)
        break;
    }
    if (k == n.classes.size()) {
      top.check(false, "classes",
                "no class takes unit " + unit.code + " (" + unit.name + ", " +
                    to_string(unit.type) + ", population " + std::to_string(unit.population) + ")");
      continue;
    }
    const auto& c = n.classes[k];
    NationalCenter center;
    center.unit = u;
    center.klass = k;
    center.province = static_cast<std::size_t>(
        std::find_if(n.dataset.provinces.begin(), n.dataset.provinces.end(),
                     [&](const auto& p) { return p.code == unit.province_code; }) -
        n.dataset.provinces.begin());
    center.daily_visits = unit_demand(n, unit, c, uo);
    center.counters = unit_counters(n, c, center.daily_visits, uo);
    center.back_office_workers =
        back_office_workers_by_norm(c.base.center, center.daily_visits, n.back_office_capacity,
                                    province_override(n, unit.province_code).back_office_factor);
    n.centers.push_back(center);
  }
}

/// The ranges of the national file's own numbers and of the dataset's populations
/// (docs/national.md), checked before any center is built from them.
void check_national(const NationalScenario& n, const SourceMap& sources, ProblemList& problems) {
  const auto range = [&](const std::string& key, double v, double lo, double hi) {
    if (v >= lo && v <= hi) return;
    const Origin* o = sources.find(key);
    problems.items.push_back(Problem{o ? o->file : n.source_path, o ? o->line : 0, key,
                                     "must be between " + std::to_string(lo) + " and " +
                                         std::to_string(hi) + ", got " + std::to_string(v)});
  };
  range("national.back_office_time_factor", n.back_office_time_factor, 0.01, 100.0);
  range("national.back_office_capacity", n.back_office_capacity, 0.01, 100.0);
  range("national.sync_failure_factor", n.sync_failure_factor, 0.0, 100.0);
  range("national.reception_miss_share", n.reception_miss_share.value_or(0), 0.0, 1.0);
  range("national.secondment_per_unit", n.secondment_per_unit, 0.0, 100.0);
  for (std::size_t i = 0; i < n.classes.size(); ++i) {
    if (!n.classes[i].unit_code.empty()) continue;  // a named unit's: its demand is its own
    const std::string key = "classes[" + std::to_string(i) + "].";
    range(key + "visits_per_1000_per_day", n.classes[i].visits_per_1000, 0.001, 1000.0);
    range(key + "min_population", n.classes[i].min_population, 0.0, 1e300);
  }
  for (const auto& [code, o] : n.overrides) {
    range("provinces." + code + ".visits_factor", o.visits_factor, 0.01, 100.0);
    range("provinces." + code + ".back_office_factor", o.back_office_factor, 0.01, 100.0);
    range("provinces." + code + ".sync_failure_factor", o.sync_failure_factor.value_or(1), 0, 100);
    range("provinces." + code + ".reception_miss_share", o.reception_miss_share.value_or(0), 0, 1);
  }
  for (const auto& unit : n.dataset.units) {
    if (unit.population >= 0 && unit.population <= max_unit_population) continue;
    const Origin* o = sources.find("national.dataset");
    problems.items.push_back(
        Problem{o ? o->file : n.source_path, o ? o->line : 0, "national.dataset",
                "unit " + unit.code + " (" + unit.name + "): population " +
                    std::to_string(unit.population) + " must be between 0 and " +
                    std::to_string(max_unit_population)});
  }
}

/// validate() on every center's scenario, after the national scaling: a problem shared by
/// many centers is reported once, naming the first, and at most 20 in all.
void validate_centers(const NationalScenario& n, std::vector<Problem>& problems) {
  std::set<std::tuple<std::string, std::uint32_t, std::string>> seen;
  std::size_t more = 0;
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    for (auto& p : validate(center_scenario(n, i))) {
      if (!seen.insert({p.file, p.line, p.key}).second) continue;
      if (problems.size() >= 20) {
        ++more;
        continue;
      }
      const auto& unit = n.dataset.units[n.centers[i].unit];
      p.message = "center " + unit.code + " (" + unit.name + "): " + p.message;
      problems.push_back(std::move(p));
    }
  }
  if (more > 0)
    problems.push_back(
        Problem{n.source_path, 0, "", std::to_string(more) + " more problems of the same kind"});
}

}  // namespace

bool is_national_scenario(const std::string& path) {
  std::vector<Problem> ignored;  // the ordinary loader reports what is wrong with the file
  const auto root = parse_toml_file(path, ignored);
  return root && root->contains("national");
}

NationalScenario load_national_scenario(const std::string& path,
                                        const std::vector<std::string>& settings) {
  NationalScenario n;
  n.source_path = path;
  n.source_text = read_scenario_text(path);
  SourceMap sources;
  ProblemList problems{path, {}, &sources};
  auto parsed = parse_toml(n.source_text, path, problems.items);
  // [scenario] extends = "other.toml": this file is merged over that one, as an overlay is.
  if (!parsed || !merge_extends(*parsed, path, problems.items, &n.extends_chain))
    throw InputError(problems.items);
  toml::table root = std::move(*parsed);
  std::vector<Problem> setting_problems;
  merge_settings(root, settings, setting_problems);
  if (!setting_problems.empty()) throw InputError(setting_problems);
  std::vector<Problem> other;
  TableReader top(root, "", problems);
  if (auto meta = top.table("scenario", true)) {
    n.name = meta->string("name", true).value_or("");
    n.description = meta->string("description", false).value_or("");
    meta->finish();
  }
  std::vector<std::string> template_settings;
  std::optional<toml::date> run_start;
  if (auto run = top.table("run", true)) {
    if (auto v = run->integer("replications", false)) {
      run->check(*v >= 1 && *v <= 10000, "replications", "must be between 1 and 10000");
      n.run.replications = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 1));
    }
    if (auto v = run->integer("seed", false)) {
      run->check(*v >= 0, "seed", "must be a non-negative integer");
      n.run.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
    }
    const auto start = run->date("start_date", true);
    run_start = start;
    const auto days = run->integer("days", true);
    if (days) run->check(*days >= 1 && *days <= 3660, "days", "must be between 1 and 3660");
    if (start && days)
      template_settings = run_settings(*start, std::clamp<std::int64_t>(*days, 1, 3660));
    if (days) n.run.horizon_min = std::clamp<std::int64_t>(*days, 1, 3660) * 1440.0;
    run->finish();
  }
  std::vector<std::string> only;
  if (auto t = top.table("national", true)) {
    const auto folder = t->string("dataset", true);
    if (auto systems = t->string("systems", false)) {
      // Every class's template runs with this systems file (its path made absolute, since the
      // template resolves relative paths from its own folder).
      const auto absolute =
          std::filesystem::absolute(resolve_path(t->file_of("systems", path), *systems))
              .lexically_normal()
              .string();
      t->check(std::filesystem::exists(absolute), "systems", "no such systems file: " + absolute);
      std::ostringstream quoted;  // toml++ writes the path as a TOML string, escapes included
      quoted << toml::value<std::string>(absolute);
      template_settings.push_back("scenario.systems = " + quoted.str());
    }
    only = t->strings("provinces", false).value_or(std::vector<std::string>{});
    if (auto v = t->number("online_share", false)) {
      // One share of the day's demand filed online for every class (replaces the templates').
      t->check(*v >= 0 && *v <= 1, "online_share", "must be a share between 0 and 1");
      template_settings.push_back("demand.online_share = " +
                                  std::to_string(std::clamp(*v, 0.0, 1.0)));
    }
    n.back_office_time_factor =
        t->number("back_office_time_factor", false).value_or(n.back_office_time_factor);
    if (auto until = t->date("back_office_time_factor_until", false); until && run_start) {
      const auto days = days_between(*run_start, *until);
      // On or before the start the factor reaches no dossier: harmless at factor 1 (a file
      // extending the launch run), a mistake otherwise.
      t->check(days >= 1 || n.back_office_time_factor == 1.0, "back_office_time_factor_until",
               "'" + iso(*until) + "' must be after run.start_date (" + iso(*run_start) +
                   "), or back_office_time_factor would apply to no dossier");
      n.back_office_time_factor_until_min = static_cast<double>(days) * 1440.0;
    }
    n.back_office_capacity =
        t->number("back_office_capacity", false).value_or(n.back_office_capacity);
    n.sync_failure_factor = t->number("sync_failure_factor", false).value_or(n.sync_failure_factor);
    n.reception_miss_share = t->number("reception_miss_share", false);
    n.secondment_per_unit = t->number("secondment_per_unit", false).value_or(0.0);
    if (auto from = t->date("secondment_from", false); from && run_start) {
      // Officers sent before the run's start are there from its first day.
      const auto days = std::max<std::int64_t>(days_between(*run_start, *from), 0);
      n.secondment_from_min = static_cast<double>(days) * 1440.0;
    }
    n.counters_follow_demand = t->boolean("counters_follow_demand", false).value_or(false);
    if (auto file = t->string("unit_overrides", false))
      n.unit_overrides =
          read_unit_overrides(resolve_path(t->file_of("unit_overrides", path), *file), other);
    t->finish();
    if (folder) {
      try {
        n.dataset = load_national_dataset(resolve_path(t->file_of("dataset", path), *folder));
      } catch (const InputError& e) {
        other.insert(other.end(), e.problems().begin(), e.problems().end());
      }
    }
  }
  if (auto p = top.table("provinces", false)) {
    for (const auto& code : p->keys()) {
      auto t = p->table(code, true);
      if (!t) continue;
      n.overrides[code] = {t->number("visits_factor", false).value_or(1.0),  // braces: in order
                           t->number("back_office_factor", false).value_or(1.0),
                           t->number("sync_failure_factor", false),
                           t->number("reception_miss_share", false)};
      t->finish();
    }
  }
  for (auto& c : top.tables("classes", true).value_or(std::vector<TableReader>{}))
    read_class(c, path, template_settings, n, other);
  for (const auto& [code, o] : n.unit_overrides) {
    if (!o.scenario.empty()) read_unit_class(code, o, template_settings, n, other);
  }
  top.finish();
  if (problems.items.empty() && other.empty()) {
    for (const auto& code : only) {
      top.check(n.dataset.find_province(code) != nullptr, "national",
                "unknown province code '" + code + "' in provinces");
    }
    for (const auto& [code, o] : n.overrides) {
      top.check(n.dataset.find_province(code) != nullptr, "provinces",
                "unknown province code '" + code + "'");
    }
    for (const auto& [code, o] : n.unit_overrides) {
      top.check(n.dataset.find_unit(code) != nullptr, "national",
                "unknown unit code '" + code + "' in unit_overrides");
    }
    check_national(n, sources, problems);
    if (problems.items.empty()) build_centers(top, n, only);
    if (problems.items.empty()) allocate_secondment(n);
    if (problems.items.empty()) validate_centers(n, problems.items);
  }
  problems.items.insert(problems.items.end(), other.begin(), other.end());
  if (!problems.items.empty()) throw InputError(problems.items);
  std::ostringstream resolved;
  resolved << toml::toml_formatter(root);
  n.resolved_text = resolved.str();
  return n;
}

Scenario center_scenario(const NationalScenario& n, std::size_t index) {
  const NationalCenter& c = n.centers.at(index);
  Scenario s = n.classes[c.klass].base;
  const auto& unit = n.dataset.units[c.unit];
  s.name = unit.name;
  s.center.center_id = unit.number;  // the GSO code: the same streams in any subset
  s.center.demand.daily_visits = c.daily_visits;
  s.center.back_office.workers = c.back_office_workers;
  grow_layout(s.center, c.counters);
  s.center.back_office.time_factor = n.back_office_time_factor;
  s.center.back_office.time_factor_until = n.back_office_time_factor_until_min;
  s.center.back_office.seconded = c.seconded_workers;
  s.center.back_office.seconded_from = n.secondment_from_min;
  const ProvinceOverride& province = province_override(n, unit.province_code);
  const double sync_factor = province.sync_failure_factor.value_or(n.sync_failure_factor);
  for (auto& system : s.center.systems)
    system.sync_failure_share = std::min(1.0, system.sync_failure_share * sync_factor);
  if (const auto miss =
          province.reception_miss_share ? province.reception_miss_share : n.reception_miss_share)
    s.center.online.reception_miss_share = *miss;
  s.transforms.emplace_back("national");
  return s;
}

}  // namespace sim::scenario
