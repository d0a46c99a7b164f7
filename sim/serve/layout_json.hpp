// A center's counter layout and staff as the form edits them ([[counters]] and [[staff]] as JSON).
#pragma once

#include "sim/model/center_params.hpp"
#include "sim/serve/toml_json.hpp"

namespace sim::serve {

/// Writes `center`'s counters and staff into `scenario` as the templates write them: counter
/// ids, domain ids (overflow and cover only when given), each officer's counter by id, absence,
/// the speeds that differ from 1 and the weekdays worked when not every day. Reading the result
/// back with the loader gives the same counters and staff (secondment dates excepted: they come
/// from a policy, not from the layout).
void write_layout(const model::CenterParams& center, Json& scenario);

}  // namespace sim::serve
