// The one loader of scenario files: TOML in, validated immutable Scenario out.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/scenario/value_reader.hpp"

namespace sim::scenario {

/// Reads a scenario from its text as the files say, without applying its policies or
/// validating values: overlays and settings are merged in (see load_scenario), types, keys and
/// references are checked (InputError otherwise). The steps after it are apply_policies() or
/// single transforms (policy_transforms.hpp) and validate() (validate.hpp), which returns the
/// problems as data. `path` names the text in messages and is the folder of relative paths.
Scenario read_scenario(const std::string& text, const std::string& path,
                       const std::vector<std::string>& overlays = {},
                       const std::vector<std::string>& settings = {});

/// Reads, parses and validates a scenario file: read_scenario, apply_policies, validate.
/// Throws InputError listing every problem (file, line, key path, what was expected) when the
/// file is missing, malformed or invalid.
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

}  // namespace sim::scenario
