// The one loader of scenario files: TOML in, validated immutable Scenario out.
#include "sim/scenario/scenario_loader.hpp"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/scenario/center_form_loader.hpp"
#include "sim/scenario/data_paths.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/text_limits.hpp"

namespace sim::scenario {
namespace {

using engine::Distribution;

/// A required positive finite number; nullopt after recording a problem.
std::optional<double> positive(TableReader& t, const std::string& key) {
  auto v = t.number(key, true);
  if (v)
    t.check(*v > 0 && std::isfinite(*v), key,
            "must be a positive number, got " + std::to_string(*v));
  return (v && *v > 0 && std::isfinite(*v)) ? v : std::nullopt;
}

void read_run(TableReader& t, RunSettings& run) {
  if (auto v = t.integer("replications", false)) {
    t.check(*v >= 1 && *v <= 1000000, "replications", "must be between 1 and 1000000");
    run.replications = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 1));
  }
  if (auto v = t.integer("seed", false)) {
    t.check(*v >= 0, "seed", "must be a non-negative integer");
    run.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
  }
  if (auto v = t.number("warmup_min", false)) {
    t.check(*v >= 0 && std::isfinite(*v), "warmup_min", "must be >= 0 minutes");
    run.warmup_min = *v;
  }
  if (auto v = positive(t, "horizon_min")) run.horizon_min = *v;
  read_service_target(t, run);
  t.finish();
}

/// The station form's settings before they become CenterParams.
struct StationSettings {
  std::uint32_t counters = 1;
  double rate_per_min = 1.0;
  double priority_share = 0.0;
  Distribution service = Distribution::exponential(1.0);
  std::optional<Distribution> patience;
};

void read_station(TableReader& t, StationSettings& station) {
  if (auto v = t.integer("counters", true)) {
    t.check(*v >= 1 && *v <= 10000, "counters", "must be between 1 and 10000");
    station.counters = static_cast<std::uint32_t>(std::clamp<std::int64_t>(*v, 1, 10000));
  }
  t.finish();
}

void read_arrivals(TableReader& t, StationSettings& station) {
  if (auto v = positive(t, "rate_per_min")) station.rate_per_min = *v;
  if (auto v = t.number("priority_share", false)) {
    t.check(*v >= 0 && *v <= 1, "priority_share", "must be a share between 0 and 1");
    station.priority_share = *v;
  }
  t.finish();
}

Scenario read_root(const toml::table& root, const std::string& path, ProblemList& problems,
                   std::vector<Problem>& other_files) {
  Scenario s;
  TableReader top(root, "", problems);
  if (auto meta = top.table("scenario", true)) {
    s.name = meta->string("name", true).value_or("");
    s.description = meta->string("description", false).value_or("");
    if (!root.contains("station")) {
      s.catalogue_path = meta->string("catalogue", true).value_or("");
      s.systems_path = meta->string("systems", false).value_or("");
      meta->check(!meta->has("systems") || !s.systems_path.empty(), "systems",
                  "must name a systems file (leave the key out to model no systems)");
    }
    meta->finish();
  }
  if (!root.contains("station")) {
    // The center form: calendar, catalogue, layout (see docs/scenario-format.md).
    s.form = ScenarioForm::center;
    read_center_form(top, path, s, other_files);
    top.finish();
    return s;
  }
  if (auto run = top.table("run", true)) read_run(*run, s.run);
  StationSettings station;
  if (auto t = top.table("station", true)) read_station(*t, station);
  if (auto t = top.table("arrivals", true)) read_arrivals(*t, station);
  if (auto t = top.table("service", true)) {
    if (auto d = read_distribution(*t)) station.service = *d;
  }
  if (auto t = top.table("patience", false)) station.patience = read_distribution(*t);
  top.finish();
  s.center = model::station_params(
      station.counters, Distribution::exponential(1.0 / station.rate_per_min), station.service,
      station.patience, station.priority_share, s.run.warmup_min + s.run.horizon_min);
  return s;
}

}  // namespace

void read_service_target(TableReader& t, RunSettings& run) {
  if (auto v = t.number("service_target_min", false)) {
    t.check(*v >= 0 && *v <= 1440, "service_target_min",
            "must be between 0 and 1440 minutes, got " + std::to_string(*v));
    run.service_target_min = std::clamp(*v, 0.0, 1440.0);
  }
}

std::optional<Distribution> read_distribution(TableReader& t) {
  const auto type = t.string("type", true);
  if (!type) {
    t.finish();
    return std::nullopt;
  }
  std::optional<Distribution> result;
  const auto build = [&](auto make) {
    try {
      result = make();
    } catch (const std::invalid_argument& e) {
      t.check(false, "type", e.what());
    }
  };
  if (*type == "exponential") {
    if (auto m = positive(t, "mean")) build([&] { return Distribution::exponential(*m); });
  } else if (*type == "deterministic") {
    if (auto v = t.number("value", true)) build([&] { return Distribution::deterministic(*v); });
  } else if (*type == "uniform") {
    auto a = t.number("min", true), b = t.number("max", true);
    if (a && b) build([&] { return Distribution::uniform(*a, *b); });
  } else if (*type == "triangular") {
    auto a = t.number("min", true), c = t.number("mode", true), b = t.number("max", true);
    if (a && b && c) build([&] { return Distribution::triangular(*a, *c, *b); });
  } else if (*type == "lognormal") {
    if (t.has("median") || t.has("cv")) {
      auto m = positive(t, "median"), cv = positive(t, "cv");
      if (m && cv) build([&] { return Distribution::lognormal_median_cv(*m, *cv); });
    } else {
      auto m = positive(t, "mean"), sd = positive(t, "sd");
      if (m && sd) build([&] { return Distribution::lognormal_mean_sd(*m, *sd); });
    }
  } else if (*type == "gamma") {
    auto k = positive(t, "shape"), theta = positive(t, "scale");
    if (k && theta) build([&] { return Distribution::gamma(*k, *theta); });
  } else if (*type == "erlang") {
    auto k = t.integer("k", true);
    auto m = positive(t, "mean");
    if (k) t.check(*k >= 1, "k", "must be an integer >= 1");
    if (k && *k >= 1 && m) build([&] { return Distribution::erlang(static_cast<int>(*k), *m); });
  } else if (*type == "empirical") {
    auto v = t.numbers("values", true), w = t.numbers("weights", true);
    if (v && w) build([&] { return Distribution::empirical(*v, *w); });
  } else {
    t.check(false, "type",
            "unknown distribution '" + *type +
                "' (expected exponential, deterministic, uniform, triangular, lognormal, gamma, "
                "erlang or empirical)");
  }
  t.finish();
  return result;
}

namespace {}  // namespace

std::string read_scenario_text(const std::string& path) {
  std::vector<Problem> problems;
  auto text = read_text_file(path, "scenario file", toml_limits, problems);
  if (!text) throw InputError(problems);
  return std::move(*text);
}

std::string resolve_path(const std::string& scenario_path, const std::string& relative) {
  const std::filesystem::path p(relative);
  if (p.is_absolute()) return relative;
  const auto beside = (std::filesystem::path(scenario_path).parent_path() / p).lexically_normal();
  std::error_code error;
  if (std::filesystem::exists(beside, error)) return beside.string();
  // A template copied to another folder: "../catalogue/commune.toml" is the installed one.
  // When it is nowhere, the path next to the file is the one the error names.
  return installed_scenario_file(p).value_or(beside.string());
}

namespace {

/// Parses the scenario, merges the overlays into it and reads the result.
Scenario resolve(const std::string& text, const std::string& path,
                 const std::vector<std::string>& overlay_paths,
                 const std::vector<std::string>& settings) {
  ProblemList problems{path, {}};
  auto parsed = parse_toml(text, path, problems.items);
  if (!parsed) throw InputError(problems.items);
  toml::table root = std::move(*parsed);
  std::vector<OverlayInfo> overlays;
  std::vector<Problem> overlay_problems;
  for (const auto& overlay_path : overlay_paths) {
    overlays.emplace_back();
    merge_overlay(root, read_overlay(overlay_path, overlays.back(), overlay_problems));
  }
  merge_settings(root, settings, overlay_problems);
  if (!overlay_problems.empty()) throw InputError(overlay_problems);
  std::vector<Problem> other_files;
  Scenario s = read_root(root, path, problems, other_files);
  // Problems in the files it names (a missing catalogue) come first: they are the root cause
  // of what follows.
  problems.items.insert(problems.items.begin(), other_files.begin(), other_files.end());
  if (!problems.items.empty()) throw InputError(problems.items);
  s.source_path = path;
  s.source_text = text;
  s.overlays = std::move(overlays);
  std::ostringstream resolved;
  resolved << toml::toml_formatter(root);
  s.resolved_text = resolved.str();
  return s;
}

}  // namespace

Scenario parse_scenario(const std::string& text, const std::string& path) {
  return resolve(text, path, {}, {});
}

Scenario load_scenario(const std::string& path) {
  return resolve(read_scenario_text(path), path, {}, {});
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overlays,
                       const std::vector<std::string>& settings) {
  return resolve(read_scenario_text(path), path, overlays, settings);
}

}  // namespace sim::scenario
