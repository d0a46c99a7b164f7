// What the page offers to start from: the templates, the named wards and the policy overlays.
#include "sim/serve/scenario_catalog.hpp"

#include <algorithm>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::serve {

namespace fs = std::filesystem;

namespace {

/// The folder's .toml files sorted by name, so the page lists them the same way everywhere.
std::vector<fs::path> toml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().extension() == ".toml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::vector<TemplateFile> read_templates(const fs::path& dir) {
  std::vector<TemplateFile> out;
  for (const char* folder : {"templates", "wards"})
    for (const auto& f : toml_files(dir / folder)) {
      const auto s = scenario::load_scenario(f.string());
      out.push_back({f.stem().string(), f.string(), s.name, s.description});
    }
  return out;
}

std::vector<PolicyOverlay> read_policies(const fs::path& dir) {
  std::vector<PolicyOverlay> out;
  for (const auto& f : toml_files(dir / "policies")) {
    scenario::OverlayInfo info;
    std::vector<scenario::Problem> problems;
    auto table = scenario::read_overlay(f.string(), info, problems);
    if (!problems.empty()) throw scenario::InputError(problems);
    const auto* policies = table["policies"].as_table();
    // Overlays that change something else than [policies.*] (reception, layout) are form edits.
    if (table.size() != 1 || policies == nullptr || policies->empty() ||
        !policies->is_homogeneous(toml::node_type::table))
      continue;
    out.push_back({f.stem().string(), info.name, info.description, to_json(*policies)});
  }
  return out;
}

}  // namespace sim::serve
