// Policy overlays: small TOML files whose tables are merged into a scenario before it is read.
#include "sim/scenario/overlay.hpp"

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
    std::vector<Problem> found;
    if (auto parsed = parse_toml(setting, "--set " + setting, found)) {
      merge_overlay(root, std::move(*parsed));
      continue;
    }
    const auto& why = found.front().message;
    problems.push_back(
        Problem{"--set " + setting, 0, "",
                "expected KEY.PATH = TOML value, e.g. policies.robot.accuracy = 0.9 (" +
                    why.substr(why.rfind("malformed TOML: ", 0) == 0 ? 16 : 0) + ")"});
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
  auto parsed = parse_toml_file(path, list.items, "overlay file", &info.text);
  if (!parsed) return done();
  toml::table root = std::move(*parsed);
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
