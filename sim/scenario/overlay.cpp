// Policy overlays: small TOML files whose tables are merged into a scenario before it is read.
#include "sim/scenario/overlay.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sim::scenario {

void merge_overlay(toml::table& base, toml::table&& overlay) {
  for (auto&& [key, node] : overlay) {
    toml::node* target = base.get(key);
    toml::table* from = node.as_table();
    toml::table* into = target ? target->as_table() : nullptr;
    if (from && into && !from->is_inline() && !into->is_inline()) {
      merge_overlay(*into, std::move(*from));
      continue;
    }
    // Moved, not copied: toml++ keeps a node's source region (file, line) only when it is
    // moved, and a problem found later in this key must be reported at the overlay's line.
    base.insert_or_assign(key, std::move(node));
  }
}

void merge_settings(toml::table& root, const std::vector<std::string>& settings,
                    std::vector<Problem>& problems) {
  for (const auto& setting : settings) {
    try {
      merge_overlay(root, toml::parse(setting, "--set " + setting));
    } catch (const toml::parse_error& e) {
      problems.push_back(
          Problem{"--set " + setting, 0, "",
                  "expected KEY.PATH = TOML value, e.g. policies.robot.accuracy = 0.9 (" +
                      std::string(e.description()) + ")"});
    }
  }
}

toml::table read_overlay(const std::string& path, OverlayInfo& info,
                         std::vector<Problem>& problems) {
  info.path = path;
  ProblemList list{path, {}};
  const auto done = [&] {
    problems.insert(problems.end(), list.items.begin(), list.items.end());
    return toml::table{};
  };
  if (std::filesystem::is_directory(path)) {
    list.add(0, "", "is a folder, expected an overlay file");
    return done();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    list.add(0, "", "cannot open overlay file");
    return done();
  }
  std::ostringstream text;
  text << in.rdbuf();
  info.text = text.str();
  toml::table root;
  try {
    root = toml::parse(info.text, path);
  } catch (const toml::parse_error& e) {
    list.add(e.source().begin.line, "", "malformed TOML: " + std::string(e.description()));
    return done();
  }
  {
    TableReader top(root, "", list);
    if (auto meta = top.table("overlay", true)) {
      info.name = meta->string("name", true).value_or("");
      info.description = meta->string("description", false).value_or("");
      meta->finish();
    }
    // An overlay changes a scenario's content, not which scenario it is.
    top.check(
        !root.contains("scenario"), "scenario",
        "an overlay cannot change [scenario] (name, catalogue, systems); use a scenario file");
  }
  root.erase("overlay");
  problems.insert(problems.end(), list.items.begin(), list.items.end());
  return root;
}

}  // namespace sim::scenario
