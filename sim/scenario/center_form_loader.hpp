// Reads the center form of a scenario: calendar, systems, demand, reception, policies, layout.
#pragma once

#include <string>
#include <vector>

#include <toml++/toml.h>

#include "sim/model/work_calendar.hpp"

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Fills s (run settings, center parameters) from a center-form scenario. `top` is the root
/// table; relative paths (catalogue, systems, holidays) are resolved against the scenario's
/// folder. Problems go to `problems` (this file) and `other_files` (catalogue, systems file,
/// holiday list).
void read_center_form(TableReader& top, const std::string& path, Scenario& s,
                      std::vector<Problem>& other_files);

/// Sessions written as ["07:30-11:30", "13:30-17:00"] under `key` (empty when absent); a
/// malformed one is reported and skipped.
std::vector<model::Session> read_sessions(TableReader& t, const std::string& key);

}  // namespace sim::scenario
