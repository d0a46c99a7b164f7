// How a national unit is sized beyond its class's template: the per-unit override file (what
// is known of named units) and the growth of a template's layout to more counters.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/scenario/input_error.hpp"

namespace sim::scenario {

/// What is known of one named unit (scenarios/data/unit_overrides.csv, each row with its
/// source): its demand, its counters, or a scenario file (a named-ward scenario) that is its
/// template. Empty fields keep the national rule.
struct UnitOverride {
  std::optional<double> daily_visits;
  std::optional<std::uint32_t> counters;
  std::string scenario;  ///< path of the unit's own scenario file ("" = its class's template)
  std::string source;
};

/// Adds counters to a layout until it has `counters`: copies of the template's counters in
/// their order (domains, overflow and cover kept), each staffed by a copy of the first officer
/// of the counter it copies. Nothing changes when the layout already has as many.
void grow_layout(model::CenterParams& center, std::uint32_t counters);

/// Counters by the template's staffing norm (its counters per daily visit) x `daily_visits`,
/// rounded up, never fewer than the template's.
std::uint32_t counters_by_norm(const model::CenterParams& templ, double daily_visits);

/// Dedicated back-office workers by the template's norm (its workers per daily visit) x
/// `daily_visits` x `capacity` x `province_factor`, rounded up as counters are, at least one.
/// Rounded to nearest, a commune of 36 visits a day got one worker where its norm is 1.5.
std::uint32_t back_office_workers_by_norm(const model::CenterParams& templ, double daily_visits,
                                          double capacity, double province_factor);

/// Reads a unit override file (code,name,daily_visits,counters,scenario,source); scenario
/// paths are made relative to the file's folder. Problems name the file, line and column.
std::map<std::string, UnitOverride> read_unit_overrides(const std::string& path,
                                                        std::vector<Problem>& problems);

}  // namespace sim::scenario
