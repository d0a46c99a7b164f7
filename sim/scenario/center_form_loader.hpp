// Reads the center form of a scenario: calendar, systems, demand, reception, policies, layout.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Fills s (run settings, center parameters, the policies as written) from a center-form
/// scenario, as the files say: values are checked later by validate(). `top` is the root
/// table; relative paths (catalogue, systems, holidays) are resolved against the scenario's
/// folder. Problems go to `problems` (this file) and `other_files` (catalogue, systems file,
/// holiday list).
void read_center_form(TableReader& top, const std::string& path, Scenario& s,
                      std::vector<Problem>& other_files);

}  // namespace sim::scenario
