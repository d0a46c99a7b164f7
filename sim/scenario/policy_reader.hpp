// Reads the [policies] table of a center-form scenario into settings; transforms apply them.
#pragma once

#include "sim/model/center_params.hpp"
#include "sim/scenario/policy_settings.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Reads every policy under [policies] (robot, no_writing_day, saturday, secondment,
/// extra_counters, extended_hours, digital_training, online_shift, online_qa, it_support) as
/// written: types, required keys, unknown keys and domain and weekday names are checked here
/// (domains against `center`'s catalogue); values and their effect are checked by validate()
/// after the transforms (policy_transforms.hpp) applied them.
PolicySet read_policies(TableReader& policies, const model::CenterParams& center);

}  // namespace sim::scenario
