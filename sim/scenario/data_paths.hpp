// Where the installed scenarios/ folder is, for references of a template copied elsewhere.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sim::scenario {

/// The scenarios/ folders to look in, in order: $MOTCUA_SCENARIOS_DIR if set, the source
/// tree's (known at build time), and those beside the program (../share/motcua/scenarios and,
/// in a build tree, ../../scenarios). Only folders that exist are listed.
std::vector<std::filesystem::path> installed_scenario_dirs();

/// A reference such as "../catalogue/commune.toml" looked up in the installed scenarios/
/// folders, without its leading ".." and "." parts (catalogue/commune.toml); nullopt when
/// no such file exists there.
std::optional<std::string> installed_scenario_file(const std::filesystem::path& relative);

}  // namespace sim::scenario
