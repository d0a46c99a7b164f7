// What the page offers to start from: the templates, the named wards and the policy overlays
// under the project's scenarios folder, read once when the server starts.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/serve/toml_json.hpp"

namespace sim::serve {

struct TemplateFile {
  std::string id, path, name, description;  // id: the file's stem
};

struct PolicyOverlay {
  std::string key, name, description;  // key: the overlay file's stem
  Json tables;                         // {policy name: its table}, one or more
};

/// scenarios/templates/*.toml then scenarios/wards/*.toml, each folder sorted by file name.
std::vector<TemplateFile> read_templates(const std::filesystem::path& scenarios);

/// scenarios/policies/*.toml that only set [policies.*] tables (an overlay that edits the
/// reception or the layout is a form edit, not a box to tick), sorted by file name.
std::vector<PolicyOverlay> read_policies(const std::filesystem::path& scenarios);

}  // namespace sim::serve
