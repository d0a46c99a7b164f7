// A national scenario: every center of the dataset, each built from a template by its class.
#include "sim/scenario/national_scenario.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "sim/scenario/overlay.hpp"
#include "sim/scenario/scenario_extends.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {
namespace {

std::string iso(const toml::date& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year),
                static_cast<unsigned>(d.month), static_cast<unsigned>(d.day));
  return text;
}

std::optional<UnitType> unit_type(const std::string& text) {
  if (text == "xã" || text == "xa") return UnitType::xa;
  if (text == "phường" || text == "phuong") return UnitType::phuong;
  if (text == "đặc khu" || text == "dac_khu") return UnitType::dac_khu;
  return std::nullopt;
}

/// The dates of the national [run] go into every template, so that every
/// center covers the same days.
std::vector<std::string> run_settings(const toml::date& start, std::int64_t days) {
  return {"run.start_date = " + iso(start), "run.days = " + std::to_string(days)};
}

void read_class(TableReader& t, const std::string& path,
                const std::vector<std::string>& template_settings, NationalScenario& n,
                std::vector<Problem>& other) {
  CenterClass c;
  c.name = t.string("name", true).value_or("");
  for (const auto& name : t.strings("types", true).value_or(std::vector<std::string>{})) {
    const auto type = unit_type(name);
    t.check(type.has_value(), "types",
            "unknown unit type '" + name + "' (expected \"xã\", \"phường\" or \"đặc khu\")");
    if (type) c.types.push_back(*type);
  }
  c.min_population = t.number("min_population", false).value_or(0.0);
  c.max_population = t.number("max_population", false).value_or(1e300);
  t.check(c.min_population < c.max_population, "max_population", "must be above min_population");
  const auto rate = t.number("visits_per_1000_per_day", true);
  t.check(!rate || (*rate > 0 && std::isfinite(*rate)), "visits_per_1000_per_day",
          "must be a positive number");
  c.visits_per_1000 = rate.value_or(1.0);
  const auto templ = t.string("template", true);
  std::vector<std::string> overlays;
  for (const auto& o : t.strings("overlays", false).value_or(std::vector<std::string>{}))
    overlays.push_back(resolve_path(t.file_of("overlays", path), o));
  auto settings = template_settings;
  for (const auto& s : t.strings("settings", false).value_or(std::vector<std::string>{}))
    settings.push_back(s);
  t.finish();
  if (!templ) return;
  try {
    c.base = load_scenario(resolve_path(t.file_of("template", path), *templ), overlays, settings);
    t.check(c.base.form == ScenarioForm::center, "template", "must be a center-form scenario");
  } catch (const InputError& e) {
    other.insert(other.end(), e.problems().begin(), e.problems().end());
  }
  n.classes.push_back(std::move(c));
}

void build_centers(TableReader& top, NationalScenario& n, const std::vector<std::string>& only) {
  for (std::size_t u = 0; u < n.dataset.units.size(); ++u) {
    const auto& unit = n.dataset.units[u];
    if (unit.kind == CenterKind::no_center) continue;
    if (!only.empty() && std::find(only.begin(), only.end(), unit.province_code) == only.end())
      continue;
    std::size_t k = 0;
    for (; k < n.classes.size(); ++k) {
      const auto& c = n.classes[k];
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
    const auto o = n.overrides.count(unit.province_code) ? n.overrides.at(unit.province_code)
                                                         : ProvinceOverride{};
    center.daily_visits = unit.population / 1000.0 * c.visits_per_1000 * o.visits_factor;
    // Back-office workers follow demand: the template's workers per daily visit, times the
    // national capacity factor, at least one.
    const auto& t = c.base.center;
    const double per_visit = t.back_office.workers / std::max(t.demand.daily_visits, 1e-9);
    center.back_office_workers = static_cast<std::uint32_t>(
        std::max(1.0, std::round(per_visit * center.daily_visits * n.back_office_capacity *
                                 o.back_office_factor)));
    n.centers.push_back(center);
  }
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
  ProblemList problems{path, {}};
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
    if (auto v = t->number("back_office_time_factor", false)) {
      t->check(*v > 0 && std::isfinite(*v), "back_office_time_factor", "must be a positive number");
      n.back_office_time_factor = *v > 0 && std::isfinite(*v) ? *v : 1.0;
    }
    if (auto v = t->number("back_office_capacity", false)) {
      t->check(*v > 0 && std::isfinite(*v), "back_office_capacity", "must be a positive number");
      n.back_office_capacity = *v;
    }
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
      ProvinceOverride o;
      o.visits_factor = t->number("visits_factor", false).value_or(1.0);
      o.back_office_factor = t->number("back_office_factor", false).value_or(1.0);
      t->check(o.visits_factor > 0 && o.back_office_factor > 0, "visits_factor",
               "factors must be positive");
      t->finish();
      n.overrides[code] = o;
    }
  }
  for (auto& c : top.tables("classes", true).value_or(std::vector<TableReader>{}))
    read_class(c, path, template_settings, n, other);
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
    build_centers(top, n, only);
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
  if (n.back_office_time_factor != 1.0) {
    for (auto& p : s.center.procedures)
      p.back_office = p.back_office.scaled(n.back_office_time_factor);
  }
  return s;
}

}  // namespace sim::scenario
