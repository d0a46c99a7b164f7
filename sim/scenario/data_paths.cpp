// Where the installed scenarios/ folder is, for references of a template copied elsewhere.
#include "sim/scenario/data_paths.hpp"

#include <cstdlib>
#include <system_error>

namespace sim::scenario {

namespace fs = std::filesystem;

std::vector<fs::path> installed_scenario_dirs() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("MOTCUA_SCENARIOS_DIR"); env != nullptr && *env != '\0')
    candidates.emplace_back(env);
  candidates.emplace_back(MOTCUA_SCENARIOS_DIR);
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    candidates.push_back(exe.parent_path() / ".." / "share" / "motcua" / "scenarios");
    candidates.push_back(exe.parent_path() / ".." / ".." / "scenarios");
  }
  std::vector<fs::path> dirs;
  for (const auto& c : candidates) {
    if (fs::is_directory(c, error)) dirs.push_back(c.lexically_normal());
  }
  return dirs;
}

std::optional<std::string> installed_scenario_file(const fs::path& relative) {
  fs::path rest;
  bool leading = true;
  for (const auto& part : relative.lexically_normal()) {
    if (leading && (part == ".." || part == ".")) continue;
    leading = false;
    rest /= part;
  }
  if (rest.empty()) return std::nullopt;
  std::error_code error;
  for (const auto& dir : installed_scenario_dirs()) {
    const auto file = dir / rest;
    if (fs::is_regular_file(file, error)) return file.string();
  }
  return std::nullopt;
}

}  // namespace sim::scenario
