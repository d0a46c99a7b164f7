// `[scenario] extends`: a scenario file merged over the file it extends, to any depth.
#include "sim/scenario/scenario_extends.hpp"

#include <filesystem>

#include "sim/scenario/overlay.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {
namespace {

/// The same file on disk (device and inode), so that a cycle through a link or another
/// spelling of the path is found too; false when either file does not exist.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec) && !ec;
}

std::string chain_text(const std::vector<std::string>& chain) {
  std::string text;
  for (const auto& file : chain) text += (text.empty() ? "" : " -> ") + file;
  return text;
}

}  // namespace

bool merge_extends(toml::table& root, const std::string& path, std::vector<Problem>& problems,
                   std::vector<std::string>* extended) {
  std::vector<std::string> chain{path};
  std::vector<toml::table> bases;  // bases[k] is extended by bases[k - 1] (bases[-1] is root)
  while (true) {
    toml::table& current = bases.empty() ? root : bases.back();
    toml::table* meta = current["scenario"].as_table();
    toml::node* extends = meta ? meta->get("extends") : nullptr;
    if (!extends) break;
    const auto& where = extends->source();
    const std::string file = where.path ? *where.path : chain.back();
    if (!extends->is_string()) {
      problems.push_back({file, where.begin.line, "scenario.extends",
                          "expected a string: the path of the scenario file this one extends"});
      return false;
    }
    const auto base_path = resolve_path(chain.back(), *extends->value<std::string>());
    const auto line = where.begin.line;
    for (const auto& earlier : chain) {
      if (!same_file(earlier, base_path)) continue;
      chain.push_back(base_path);
      problems.push_back({file, line, "scenario.extends",
                          "extends a file already in its chain, a cycle: " + chain_text(chain)});
      return false;
    }
    chain.push_back(base_path);
    auto base = parse_toml_file(base_path, problems, "scenario file (extended by " + file + ")");
    if (!base) return false;
    bases.push_back(std::move(*base));
  }
  if (extended) extended->assign(chain.begin() + 1, chain.end());
  if (bases.empty()) return true;
  // Only now are the extends keys removed: on a problem above, root is unchanged.
  root["scenario"].as_table()->erase("extends");
  for (auto& base : bases) {
    if (auto* meta = base["scenario"].as_table()) meta->erase("extends");
  }
  toml::table merged = std::move(bases.back());
  for (std::size_t k = bases.size() - 1; k-- > 0;) merge_overlay(merged, std::move(bases[k]));
  merge_overlay(merged, std::move(root));
  root = std::move(merged);
  return true;
}

}  // namespace sim::scenario
