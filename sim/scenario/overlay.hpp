// Policy overlays: small TOML files whose tables are merged into a scenario before it is read.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Merges `overlay` into `base`: a standard table ([hours], [policies.robot]) is merged key by
/// key, recursively; anything else (a value, an array, an array of tables, an inline table such
/// as a distribution { type = ..., mean = ... }) replaces the base's value whole. So an overlay
/// changes exactly the keys it names and a distribution is never half-replaced. The overlay's
/// nodes are moved into `base`, keeping their file and line for messages.
void merge_overlay(toml::table& base, toml::table&& overlay);

/// Merges settings (single TOML lines such as "policies.robot.accuracy = 0.9", the command
/// line's --set) into `root` in order, like overlays; a line that is not TOML is a problem
/// named "--set LINE".
void merge_settings(toml::table& root, const std::vector<std::string>& settings,
                    std::vector<Problem>& problems);

/// Reads an overlay file: its [overlay] table (name, description) is checked and removed, the
/// rest is returned for merge_overlay. Problems are recorded in `problems` (file, line, key).
toml::table read_overlay(const std::string& path, OverlayInfo& info,
                         std::vector<Problem>& problems);

}  // namespace sim::scenario
