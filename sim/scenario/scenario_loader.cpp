// The one loader of scenario files: TOML in, validated immutable Scenario out.
#include "sim/scenario/scenario_loader.hpp"

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/scenario/center_form_loader.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/policy_transforms.hpp"
#include "sim/scenario/servability.hpp"
#include "sim/scenario/text_limits.hpp"
#include "sim/scenario/validate.hpp"

namespace sim::scenario {
namespace {

using engine::Distribution;

void read_run(TableReader& t, RunSettings& run) {
  if (auto v = t.integer("replications", false)) {
    t.check(*v >= 1 && *v <= 1000000, "replications", "must be between 1 and 1000000");
    run.replications = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 1));
  }
  if (auto v = t.integer("seed", false)) {
    t.check(*v >= 0, "seed", "must be a non-negative integer");
    run.seed = static_cast<std::uint64_t>(std::max<std::int64_t>(*v, 0));
  }
  run.warmup_min = t.number("warmup_min", false).value_or(run.warmup_min);
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
  if (auto v = positive(t, "rate_per_min")) {
    // The interarrival mean 1 / rate must exist; validate() checks the rate's range.
    t.check(std::isfinite(1.0 / *v), "rate_per_min",
            "must be between 1e-06 and " + std::to_string(max_arrivals_per_day / 1440.0));
    if (std::isfinite(1.0 / *v)) station.rate_per_min = *v;
  }
  station.priority_share = t.number("priority_share", false).value_or(station.priority_share);
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
  station.patience = read_distribution(top, "patience", false);
  top.finish();
  s.center = model::station_params(
      station.counters, Distribution::exponential(1.0 / station.rate_per_min), station.service,
      station.patience, station.priority_share, s.run.warmup_min + s.run.horizon_min);
  return s;
}

}  // namespace

std::string read_scenario_text(const std::string& path) {
  std::vector<Problem> problems;
  auto text = read_text_file(path, "scenario file", toml_limits, problems);
  if (!text) throw InputError(problems);
  return std::move(*text);
}

namespace {

/// Parses the scenario, merges the overlays and settings into it and reads the result.
Scenario read(const std::string& text, const std::string& path,
              const std::vector<std::string>& overlay_paths,
              const std::vector<std::string>& settings) {
  auto sources = std::make_shared<SourceMap>();
  ProblemList problems{path, {}, sources.get()};
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
  s.sources = std::move(sources);
  return s;
}

/// The whole pipeline: read, the policy transforms, one validation.
Scenario load(const std::string& text, const std::string& path,
              const std::vector<std::string>& overlay_paths,
              const std::vector<std::string>& settings) {
  std::vector<Problem> problems;
  Scenario s = apply_policies(read(text, path, overlay_paths, settings), problems);
  auto invalid = validate(s);
  problems.insert(problems.end(), invalid.begin(), invalid.end());
  // Last: after every overlay and policy, some demand may have no one left to serve it.
  if (problems.empty()) check_servability(s, problems);
  if (!problems.empty()) throw InputError(problems);
  return s;
}

}  // namespace

Scenario read_scenario(const std::string& text, const std::string& path,
                       const std::vector<std::string>& overlays,
                       const std::vector<std::string>& settings) {
  return read(text, path, overlays, settings);
}

Scenario parse_scenario(const std::string& text, const std::string& path) {
  return load(text, path, {}, {});
}

Scenario load_scenario(const std::string& path) {
  return load(read_scenario_text(path), path, {}, {});
}

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overlays,
                       const std::vector<std::string>& settings) {
  return load(read_scenario_text(path), path, overlays, settings);
}

}  // namespace sim::scenario
