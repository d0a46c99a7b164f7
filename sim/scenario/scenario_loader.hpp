// The one loader of scenario files: TOML in, validated immutable Scenario out.
#pragma once

#include <string>

#include "sim/engine/distribution.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Reads, parses and validates a scenario file. Throws InputError listing every problem
/// (file, line, key path, what was expected) when the file is missing, malformed or invalid.
Scenario load_scenario(const std::string& path);

/// Same, from text already in memory; `path` is only used in messages.
Scenario parse_scenario(const std::string& text, const std::string& path);

/// Reads a distribution table such as { type = "lognormal", median = 5, cv = 0.6 }.
/// Records problems and returns nullopt when it is invalid.
std::optional<engine::Distribution> read_distribution(TableReader& table);

}  // namespace sim::scenario
