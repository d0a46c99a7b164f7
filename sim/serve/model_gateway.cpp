// The page server's one door into the rest of motcua: templates, the national dataset, the
// loader, the experiment runner and the report. API changes elsewhere are fixed here.
#include "sim/serve/model_gateway.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/experiment.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/validate.hpp"
#include "sim/scenario/value_reader.hpp"
#include "sim/serve/layout_json.hpp"
#include "sim/serve/result_view.hpp"
#include "sim/serve/scenario_catalog.hpp"

namespace sim::serve {

namespace fs = std::filesystem;

struct PreparedRun {
  scenario::Scenario current;
  scenario::Scenario edited;
  std::uint64_t replications = 0;
};

namespace {

/// The national scenario that gives a unit its template and demand (steady state: the
/// launch-period calibration without the launch's slowness).
constexpr const char* national_file = "national/steady_state.toml";

Json problem_json(const scenario::Problem& p, const fs::path& root) {
  scenario::Problem shown = p;
  // Paths are shown relative to the project (the folder holding scenarios/), never absolute.
  const auto rel = fs::path(p.file).lexically_relative(root);
  if (!p.file.empty() && !rel.empty() && *rel.begin() != "..") shown.file = rel.string();
  return Json{{"file", shown.file},
              {"line", shown.line},
              {"key", shown.key},
              {"message", shown.message},
              {"text", shown.to_string()}};
}

Json domains_json(const scenario::Scenario& s) {
  Json out = Json::array();
  for (const auto& d : s.center.domains) out.push_back({{"id", d.id}, {"name", d.name}});
  return out;
}

/// Every file a scenario names must lie inside the scenarios folder: a client never makes the
/// server read anything else.
void check_paths(const Json& node, const std::string& key_path, const fs::path& file,
                 const fs::path& scenarios, std::vector<scenario::Problem>& problems) {
  if (node.is_object() || node.is_array()) {
    std::size_t i = 0;
    for (const auto& [key, value] : node.items()) {
      const auto path = node.is_array() ? key_path + "[" + std::to_string(i++) + "]"
                                        : (key_path.empty() ? key : key_path + "." + key);
      if (!value.is_structured() && is_path_value(key, value)) {
        const auto resolved = fs::weakly_canonical(
            fs::path(scenario::resolve_path(file.string(), value.get<std::string>())));
        const auto rel = resolved.lexically_relative(scenarios);
        if (rel.empty() || *rel.begin() == "..")
          problems.push_back({file.string(), 0, path,
                              "the page only reads files inside the project's scenarios folder"});
      } else {
        check_paths(value, path, file, scenarios, problems);
      }
    }
  }
}

std::string today_ddmmyyyy() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%d/%m/%Y", &tm);
  return buf;
}

}  // namespace

struct ModelGateway::Data {
  fs::path scenarios, root;
  std::vector<TemplateFile> templates;
  std::vector<PolicyOverlay> policies;
  scenario::NationalScenario national;
  std::map<std::string, std::size_t> center_of_unit;  ///< GSO code -> index into centers

  /// The national scaling of one center applied to the form's scenario: the transform itself
  /// (scenario::center_scenario), with the form's scenario as its class template and the form's
  /// demand and back-office workers as the unit's. A unit on the page is thus the national
  /// run's unit, and whatever else the transform does (the back-office time factor, the unit's
  /// GSO code as center id, ...) follows it without a copy here.
  scenario::Scenario national_unit(const scenario::Scenario& form, std::size_t center) const {
    auto n = national;  // a copy: the transform reads the national scenario, never changes it
    auto& c = n.centers.at(center);
    n.classes.at(c.klass).base = form;
    c.daily_visits = form.center.demand.daily_visits;
    c.back_office_workers = form.center.back_office.workers;
    auto s = scenario::center_scenario(n, center);
    // The layout is the form's: where the transform sizes a center's layout, the form shows the
    // sized layout from the moment the unit is picked (scenario()), and a counter the leader
    // removes must stay removed.
    s.center.counters = form.center.counters;
    s.center.staff = form.center.staff;
    s.source_path = form.source_path;
    s.source_text = form.source_text;
    s.resolved_text = form.resolved_text;
    scenario::require_valid(s);
    return s;
  }

  /// Loads a scenario given as JSON, as if it were the file `path`; the loader's problems
  /// (and the server's path rule) are thrown as InputError. Returns the commented TOML too.
  /// A unit of the national dataset (`unit`: its index into national.centers) then goes
  /// through the national scaling.
  std::pair<scenario::Scenario, std::string> load(
      const Json& json, const fs::path& path, const std::string& origin_name,
      std::optional<std::size_t> unit = std::nullopt) const {
    std::vector<scenario::Problem> problems;
    check_paths(json, "", path, scenarios, problems);
    if (!problems.empty()) throw scenario::InputError(problems);
    toml::table table;
    try {
      table = to_toml(json);
    } catch (const std::exception& e) {
      throw scenario::InputError({{path.string(), 0, "", e.what()}});
    }
    const std::string header =
        "# Scenario edited with `motcua serve` on " + today_ddmmyyyy() + ", from " + origin_name +
        ".\n# Relative paths are as in scenarios/templates/: save this file there (or next to\n"
        "# the catalogue folder as the templates are) and run it unchanged:\n#   motcua run " +
        path.filename().string() + " -o out/edited.h5\n\n";
    auto text = commented_toml(table, header);
    auto s = scenario::parse_scenario(text, path.string());
    if (unit) s = national_unit(s, *unit);
    return {std::move(s), std::move(text)};
  }

  /// The index into national.centers of a unit origin; nullopt for other origins.
  std::optional<std::size_t> unit_of(const Origin& origin) const {
    if (origin.kind != "unit") return std::nullopt;
    const auto it = center_of_unit.find(origin.id);
    return it == center_of_unit.end() ? std::nullopt : std::optional(it->second);
  }
};

ModelGateway::ModelGateway(const std::string& scenarios_dir, RunLimits limits)
    : limits_(limits), data_(std::make_unique<Data>()) {
  auto& d = *data_;
  d.scenarios = fs::weakly_canonical(scenarios_dir);
  d.root = d.scenarios.parent_path();
  d.templates = read_templates(d.scenarios);
  d.policies = read_policies(d.scenarios);
  d.national = scenario::load_national_scenario((d.scenarios / national_file).string());
  for (std::size_t c = 0; c < d.national.centers.size(); ++c)
    d.center_of_unit[d.national.dataset.units[d.national.centers[c].unit].code] = c;
}

ModelGateway::~ModelGateway() = default;

Json ModelGateway::templates() const {
  Json out = Json::array();
  for (const auto& t : data_->templates)
    out.push_back({{"id", t.id}, {"name", t.name}, {"description", t.description}});
  return out;
}

Json ModelGateway::units() const {
  Json out = Json::array();
  const auto& n = data_->national;
  for (const auto& c : n.centers) {
    const auto& u = n.dataset.units[c.unit];
    out.push_back({{"code", u.code},
                   {"name", u.name},
                   {"type", scenario::to_string(u.type)},
                   {"province_code", u.province_code},
                   {"province", u.province_name},
                   {"population", std::round(u.population)}});
  }
  return out;
}

Json ModelGateway::policies() const {
  Json out = Json::array();
  for (const auto& p : data_->policies)
    out.push_back(
        {{"key", p.key}, {"name", p.name}, {"description", p.description}, {"tables", p.tables}});
  return out;
}

Json ModelGateway::metrics() const { return metric_definitions(); }

std::string ModelGateway::scenario_path(const Origin& origin) const {
  const auto& d = *data_;
  if (origin.kind == "template") {
    for (const auto& t : d.templates)
      if (t.id == origin.id) return t.path;
  } else if (origin.kind == "upload" && origin.id == "uploaded") {
    // An uploaded file is read as if it sat in the templates folder.
    return (d.scenarios / "templates" / "uploaded.toml").string();
  } else if (origin.kind == "unit") {
    const auto c = d.center_of_unit.find(origin.id);
    if (c != d.center_of_unit.end())
      return d.national.classes[d.national.centers[c->second].klass].base.source_path;
  }
  return "";
}

std::optional<Json> ModelGateway::scenario(const Origin& origin) const {
  const auto path = scenario_path(origin);
  if (path.empty() || origin.kind == "upload") return std::nullopt;
  const auto& d = *data_;
  auto table = toml::parse(scenario::read_scenario_text(path), path);
  Json json = to_json(table);
  std::string name = json["scenario"].value("name", origin.id);
  const auto unit = d.unit_of(origin);
  if (unit) {
    // The unit's class template as the national run reads it (its overlays and settings, the
    // national systems file merged in), with the template's own week rather than the national
    // quarter; then the values the national scaling gives this unit (docs/serve.md).
    const auto& c = d.national.centers[*unit];
    const auto& klass = d.national.classes[c.klass];
    const Json week = json["run"];
    json = to_json(toml::parse(klass.base.resolved_text, path));
    json["run"] = week;
    relative_paths(json, fs::path(path).parent_path(), d.scenarios);
    const auto scaled = scenario::center_scenario(d.national, *unit);
    const auto& u = d.national.dataset.units[c.unit];
    std::string type = scenario::to_string(u.type);
    if (!type.empty()) type[0] = static_cast<char>(std::toupper(type[0]));
    name = type + " " + u.name + ", " + u.province_name;
    json["scenario"]["name"] = name;
    json["scenario"]["description"] =
        "Unit " + u.code + " of the national dataset (" + klass.name + " class, " +
        std::to_string(static_cast<long>(std::round(u.population))) +
        " residents): demand and back office from " + national_file + ".";
    // A named unit's own scenario may give its demand by population; the transform's wins.
    json["demand"].erase("population");
    json["demand"].erase("visits_per_1000_per_day");
    json["demand"]["daily_visits"] = scaled.center.demand.daily_visits;
    json["back_office"]["workers"] = scaled.center.back_office.workers;
    // A layout the transform sized (more counters and staff than the template's) is shown.
    if (scaled.center.counters.size() != klass.base.center.counters.size() ||
        scaled.center.staff.size() != klass.base.center.staff.size())
      write_layout(scaled.center, json);
  }
  const auto loaded = d.load(json, path, name, unit);
  return Json{{"origin", {{"kind", origin.kind}, {"id", origin.id}}},
              {"name", name},
              {"scenario", json},
              {"domains", domains_json(loaded.first)}};
}

Json ModelGateway::check(const Origin& origin, const Json& scenario) const {
  const auto path = scenario_path(origin);
  if (path.empty())
    return Json{{"ok", false}, {"problems", Json::array({{{"text", "unknown origin"}}})}};
  const fs::path edited = fs::path(path).parent_path() / (origin.id + "-edited.toml");
  try {
    auto [s, text] = data_->load(scenario, edited, origin.id, data_->unit_of(origin));
    return Json{{"ok", true},
                {"problems", Json::array()},
                {"toml", text},
                {"filename", edited.filename().string()},
                {"domains", domains_json(s)}};
  } catch (const scenario::InputError& e) {
    Json problems = Json::array();
    for (const auto& p : e.problems()) problems.push_back(problem_json(p, data_->root));
    return Json{{"ok", false}, {"problems", problems}};
  }
}

Json ModelGateway::upload(const std::string& text) const {
  const fs::path path = scenario_path({"upload", "uploaded"});
  try {
    toml::table table;
    try {
      table = toml::parse(text, path.string());
    } catch (const toml::parse_error& e) {
      throw scenario::InputError({{path.string(), e.source().begin.line, "",
                                   "malformed TOML: " + std::string(e.description())}});
    }
    const Json json = to_json(table);
    auto [s, toml_text] = data_->load(json, path, "an uploaded file");
    return Json{{"ok", true},
                {"origin", {{"kind", "upload"}, {"id", "uploaded"}}},
                {"name", s.name},
                {"scenario", json},
                {"domains", domains_json(s)}};
  } catch (const scenario::InputError& e) {
    Json problems = Json::array();
    for (const auto& p : e.problems()) problems.push_back(problem_json(p, data_->root));
    return Json{{"ok", false}, {"problems", problems}};
  }
}

std::variant<std::shared_ptr<const PreparedRun>, Json> ModelGateway::prepare_run(
    const Origin& origin, const Json& current, const Json& edited,
    std::uint64_t replications) const {
  const auto path = scenario_path(origin);
  std::vector<scenario::Problem> problems;
  if (path.empty()) problems.push_back({"", 0, "origin", "unknown ward, commune or template"});
  if (replications < 2 || replications > limits_.max_replications)
    problems.push_back({"", 0, "replications",
                        "must be between 2 and " + std::to_string(limits_.max_replications)});
  auto run = std::make_shared<PreparedRun>();
  run->replications = replications;
  if (problems.empty()) {
    const auto dir = fs::path(path).parent_path();
    for (auto [json, name, slot] :
         {std::tuple{&current, "current", &run->current}, {&edited, "edited", &run->edited}}) {
      try {
        *slot = data_
                    ->load(*json, dir / (origin.id + "-" + name + ".toml"), origin.id,
                           data_->unit_of(origin))
                    .first;
        // Warm-up days are simulated too: they count toward the page's bound.
        const double days = (slot->run.warmup_min + slot->run.horizon_min) / 1440.0;
        if (days > static_cast<double>(limits_.max_days))
          problems.push_back({slot->source_path, 0, "run.days",
                              "the page runs at most " + std::to_string(limits_.max_days) +
                                  " days (use motcua run for longer runs)"});
        if (slot->center.demand.daily_visits > limits_.max_daily_visits)
          problems.push_back({slot->source_path, 0, "demand.daily_visits",
                              "the page runs at most " +
                                  std::to_string(static_cast<long>(limits_.max_daily_visits)) +
                                  " visits a day"});
      } catch (const scenario::InputError& e) {
        problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      }
    }
  }
  if (!problems.empty()) {
    Json out = Json::array();
    for (const auto& p : problems) out.push_back(problem_json(p, data_->root));
    return Json{{"problems", out}};
  }
  return std::shared_ptr<const PreparedRun>(run);
}

Json ModelGateway::run_comparison(const PreparedRun& prepared, const RunHooks& hooks,
                                  const std::string& h5_path) const {
  run::Experiment e{"compare", "", {}};
  e.variants.push_back({{"current", {}, {}, {}}, prepared.current, {}});
  e.variants.push_back({{"edited", {}, {}, {}}, prepared.edited, {}});
  run::RunOptions options{prepared.replications, prepared.current.run.seed, 1, false};
  const std::size_t total = options.replications * e.variants.size();
  for (auto& v : e.variants) v.results.resize(options.replications);
  hooks.progress(0, total);
  // Replication r of both variants uses the same seed and index: common random numbers, as
  // run::run_experiment does; one unit at a time so a cancelled run stops within one unit.
  for (std::size_t u = 0; u < total; ++u) {
    if (hooks.cancelled()) throw RunCancelled{};
    auto& v = e.variants[u % 2];
    v.results[u / 2] = run::run_replication(v.scenario, options.seed, u / 2);
    hooks.progress(u + 1, total);
  }
  io::ResultFile file(h5_path);
  run::write_experiment(file, e, options);
  file.commit();
  return result_json(e);
}

std::string ModelGateway::make_report(const ReportCommand& report, const std::string& h5_path,
                                      const std::string& out_dir, const std::string& lang) const {
  std::ostringstream out, err;
  const int code = report({h5_path, "-o", out_dir, "--lang", lang}, out, err);
  if (code != 0) throw std::runtime_error("motcua report failed: " + err.str());
  return (fs::path(out_dir) / "index.html").string();
}

}  // namespace sim::serve
