// A layout of the goal's variables as a scenario variant (overlays and settings of the base).
#include "sim/optimize/layout_variant.hpp"

#include <filesystem>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace sim::optimize {
namespace {

namespace fs = std::filesystem;

/// The setting that appends the counters variables' counters and officers to the base's.
std::string counters_setting(const Goal& goal, const scenario::Scenario& base,
                             const Layout& layout) {
  std::vector<scenario::Problem> ignored;  // the base's resolved text parsed once already
  auto root =
      scenario::parse_toml(base.resolved_text, base.source_path, ignored).value_or(toml::table{});
  toml::array counters, staff;
  if (auto* a = root["counters"].as_array()) counters = *a;
  if (auto* a = root["staff"].as_array()) staff = *a;
  bool added = false;
  for (std::size_t i = 0; i < goal.variables.size(); ++i) {
    const auto& v = goal.variables[i];
    if (v.kind != VariableKind::counters) continue;
    for (int n = 1; n <= layout[i]; ++n) {
      const std::string id = "opt-" + v.name + "-" + std::to_string(n);
      toml::array domains;
      for (const auto& d : v.domains) domains.push_back(d);
      counters.push_back(toml::table{{"id", id}, {"domains", domains}});
      staff.push_back(toml::table{{"name", id}, {"counter", id}, {"absence_prob", v.absence_prob}});
      added = true;
    }
  }
  if (!added) return "";
  std::ostringstream text;
  text << toml::toml_formatter(toml::table{{"counters", counters}, {"staff", staff}});
  return text.str();
}

}  // namespace

run::VariantSpec layout_variant(const Goal& goal, const scenario::Scenario& base,
                                const Layout& layout, const std::string& name) {
  run::VariantSpec spec{name, {}, {}, ""};
  for (std::size_t i = 0; i < goal.variables.size(); ++i) {
    const auto& v = goal.variables[i];
    spec.settings.insert(spec.settings.end(), v.with.begin(), v.with.end());
    if (v.kind == VariableKind::key) {
      spec.settings.push_back(v.key + " = " + std::to_string(layout[i]));
    } else if (v.kind == VariableKind::choice) {
      const auto& o = v.options[static_cast<std::size_t>(layout[i])];
      spec.overlays.insert(spec.overlays.end(), o.overlays.begin(), o.overlays.end());
      spec.settings.insert(spec.settings.end(), o.settings.begin(), o.settings.end());
    }
  }
  if (auto c = counters_setting(goal, base, layout); !c.empty()) spec.settings.push_back(c);
  return spec;
}

std::string layout_scenario_text(const Goal& goal, const scenario::Scenario& base,
                                 const std::vector<std::string>& base_overlays,
                                 const std::vector<std::string>& base_settings,
                                 const Layout& layout, const std::string& out_path) {
  const auto spec = layout_variant(goal, base, layout, "recommended");
  auto overlays = base_overlays;
  overlays.insert(overlays.end(), spec.overlays.begin(), spec.overlays.end());
  auto settings = base_settings;
  settings.insert(settings.end(), spec.settings.begin(), spec.settings.end());
  const auto s = scenario::load_scenario(base.source_path, overlays, settings);
  std::vector<scenario::Problem> problems;
  auto root =
      scenario::parse_toml(s.resolved_text, s.source_path, problems).value_or(toml::table{});
  // The files it names are relative to the base file: make them relative to the new one.
  const auto folder = fs::absolute(out_path).parent_path();
  for (const auto* key : {"scenario.catalogue", "scenario.systems", "hours.holidays"}) {
    auto node = root.at_path(key);
    if (!node.is_string()) continue;
    const auto file =
        fs::absolute(scenario::resolve_path(base.source_path, *node.value<std::string>()))
            .lexically_normal();
    const auto relative = file.lexically_relative(folder);
    const bool near = !relative.empty() && relative.string().rfind("../../../", 0) != 0;
    *node.as_string() = (near ? relative : file).generic_string();
  }
  if (auto* meta = root["scenario"].as_table()) {
    meta->insert_or_assign("name", base.name + " (motcua optimize)");
    meta->insert_or_assign("description", "Recommended by motcua optimize (" + goal.path +
                                              "): " + layout_text(goal, layout));
  }
  std::ostringstream text;
  text << "# Written by motcua optimize from " << base.source_path << " and the goal " << goal.path
       << ":\n# the recommended layout " << layout_text(goal, layout)
       << ", as a whole scenario.\n# Run it with: motcua run "
       << fs::path(out_path).filename().string() << " -o OUT.h5\n"
       << toml::toml_formatter(root) << "\n";
  return text.str();
}

}  // namespace sim::optimize
