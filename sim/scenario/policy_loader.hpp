// Reads the [policies] table of a center-form scenario and applies each policy to the center.
#pragma once

#include "sim/model/center_params.hpp"
#include "sim/model/work_calendar.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Applies every policy under [policies] (robot, no_writing_day, saturday, secondment,
/// extra_counters, extended_hours, digital_training, online_shift, online_qa, it_support) to
/// the center and its calendar, after the rest of the scenario was read. Each policy changes
/// only the parameters docs/policies.md lists for it. Problems are recorded in `policies`.
void apply_policies(TableReader& policies, model::CenterParams& center,
                    model::CalendarSpec& calendar);

}  // namespace sim::scenario
