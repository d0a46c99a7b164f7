// The regression manifest: which committed scenarios `motcua regress` reruns, and how.
#include "sim/run/regression_manifest.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::run {
namespace {

namespace fs = std::filesystem;
using scenario::InputError;
using scenario::Problem;

/// Case names become file names, so they are limited to characters safe in any file system.
bool safe_name(const std::string& name) {
  return !name.empty() && name.front() != '.' && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
  });
}

std::string resolve(const std::string& folder, const std::string& relative) {
  return (fs::path(folder) / relative).lexically_normal().string();
}

RegressionCase read_case(scenario::TableReader& t, const std::string& folder) {
  RegressionCase c;
  c.line = t.line_of("name");
  c.key = t.key_path("");
  c.key.pop_back();  // key_path("") ends with the separator
  c.name = t.string("name", true).value_or("");
  if (t.has("name")) {
    t.check(safe_name(c.name), "name",
            "must be a non-empty name of letters, digits, '_', '-' or '.' (it names the "
            "reference file), got '" +
                c.name + "'");
  }
  c.scenario = t.string("scenario", true).value_or("");
  if (t.has("scenario")) t.check(!c.scenario.empty(), "scenario", "must name a scenario file");
  c.overlays = t.strings("overlays", false).value_or(std::vector<std::string>{});
  c.settings = t.strings("settings", false).value_or(std::vector<std::string>{});
  if (auto v = t.integer("replications", false)) {
    t.check(*v >= 1 && *v <= 1000000, "replications", "must be between 1 and 1000000");
    if (*v >= 1) c.replications = static_cast<std::uint64_t>(*v);
  }
  if (auto v = t.integer("seed", false)) {
    t.check(*v >= 0, "seed", "must be a non-negative integer");
    if (*v >= 0) c.seed = static_cast<std::uint64_t>(*v);
  }
  t.finish();
  c.scenario_path = resolve(folder, c.scenario);
  for (const auto& o : c.overlays) c.overlay_paths.push_back(resolve(folder, o));
  return c;
}

}  // namespace

const RegressionCase* RegressionManifest::find(const std::string& name) const {
  for (const auto& c : cases) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

RegressionManifest load_manifest(const std::string& path) {
  scenario::ProblemList problems{path, {}};
  auto parsed = scenario::parse_toml_file(path, problems.items, "manifest file");
  if (!parsed) {
    if (!fs::exists(path)) {
      throw InputError({Problem{path, 0, "",
                                "cannot open manifest file (run from the repository root or "
                                "pass --manifest FILE)"}});
    }
    throw InputError(problems.items);
  }
  const toml::table& root = *parsed;
  RegressionManifest manifest;
  manifest.path = path;
  manifest.folder = fs::path(path).parent_path().string();
  scenario::TableReader top(root, "", problems);
  if (auto cases = top.tables("case", true)) {
    std::map<std::string, std::uint32_t> first_line;
    for (auto& t : *cases) {
      RegressionCase c = read_case(t, manifest.folder);  // keys are named "case[i].key"
      if (c.name.empty()) continue;
      const auto [it, fresh] = first_line.emplace(c.name, c.line);
      if (!fresh) {
        problems.add(c.line, c.key + ".name",
                     "duplicate case name '" + c.name + "' (first at line " +
                         std::to_string(it->second) + ")");
        continue;
      }
      manifest.cases.push_back(std::move(c));
    }
    top.check(!cases->empty(), "case", "the manifest lists no [[case]]");
  }
  top.finish();
  if (!problems.items.empty()) throw InputError(problems.items);
  return manifest;
}

scenario::Scenario load_case_scenario(const RegressionCase& c) {
  return scenario::load_scenario(c.scenario_path, c.overlay_paths, c.settings);
}

RunOptions case_run_options(const RegressionCase& c, const scenario::Scenario& s,
                            unsigned threads) {
  RunOptions options;
  options.replications = c.replications.value_or(s.run.replications);
  options.seed = c.seed.value_or(s.run.seed);
  options.threads = threads;
  options.progress = false;
  return options;
}

std::string reference_path(const std::string& folder, const RegressionCase& c) {
  return (fs::path(folder) / (c.name + ".toml")).string();
}

}  // namespace sim::run
