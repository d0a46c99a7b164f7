// Reads the center form of a scenario: calendar, demand, reception, policy, counters, staff.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Fills s (run settings, center parameters) from a center-form scenario. `top` is the root
/// table; relative paths (catalogue, holidays) are resolved against the scenario's folder.
/// Problems go to `problems` (this file) and `other_files` (catalogue, holiday list).
void read_center_form(TableReader& top, const std::string& path, Scenario& s,
                      std::vector<Problem>& other_files);

}  // namespace sim::scenario
