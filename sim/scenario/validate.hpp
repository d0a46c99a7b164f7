// The one validation of a scenario, after its last transform: ranges and bounded work.
#pragma once

#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::scenario {

/// Limits on the expected work of one replication, so that no scenario can make a run hang or
/// exhaust memory (docs/scenario-format.md, "Valid ranges").
inline constexpr double max_arrivals_per_day = 100000.0;
inline constexpr double max_arrivals_per_replication = 2.0e7;
inline constexpr double max_system_changes_per_replication = 1.0e7;

/// A check of the whole scenario in its own file (e.g. whether all demand can be served),
/// appending problems; validate.cpp lists the ones it runs after the value checks.
using ScenarioCheck = void (*)(const Scenario& s, std::vector<Problem>& problems);

/// Every problem of a scenario as the run would see it: each numeric value in its documented
/// range (docs/scenario-format.md), the work of a replication bounded, the calendar usable.
/// Named by the file, line and key the value came from (through transforms: also which
/// transforms changed it). Empty when the scenario can run.
std::vector<Problem> validate(const Scenario& s);

/// Throws InputError with validate()'s problems, if any.
void require_valid(const Scenario& s);

}  // namespace sim::scenario
