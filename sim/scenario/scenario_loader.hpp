// The one loader of scenario files: TOML in, validated immutable Scenario out.
#pragma once

#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Reads, parses and validates a scenario file. Throws InputError listing every problem
/// (file, line, key path, what was expected) when the file is missing, malformed or invalid.
Scenario load_scenario(const std::string& path);

/// Same, with policy overlays merged into the file in order before it is read (see
/// merge_overlay), then settings: single TOML lines such as "policies.robot.accuracy = 0.9"
/// (the command line's --set, and sweeps). Relative paths inside overlays are resolved from
/// the scenario file.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overlays,
                       const std::vector<std::string>& settings = {});

/// Same, from text already in memory; `path` is only used in messages.
Scenario parse_scenario(const std::string& text, const std::string& path);

/// The text of a scenario file; InputError when it is missing or a folder.
std::string read_scenario_text(const std::string& path);

/// A path written in a scenario file, relative to that file's folder (absolute paths as they
/// are); when there is no such file, the same reference in the installed scenarios/ folder
/// (a template copied elsewhere still finds ../catalogue/commune.toml), else the path next to
/// the file (so that the error names it).
std::string resolve_path(const std::string& scenario_path, const std::string& relative);

/// Reads [run] service_target_min (minutes; default 30), used by service_level.
void read_service_target(TableReader& run_table, RunSettings& run);

/// Reads a distribution table such as { type = "lognormal", median = 5, cv = 0.6 }.
/// Records problems and returns nullopt when it is invalid.
std::optional<engine::Distribution> read_distribution(TableReader& table);

}  // namespace sim::scenario
