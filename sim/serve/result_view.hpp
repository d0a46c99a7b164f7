// What the page draws from a finished comparison: paired differences, the queue through the
// day, waits and unserved by domain, staff utilisation — all found by column name.
#pragma once

#include "sim/run/experiment.hpp"
#include "sim/serve/toml_json.hpp"

namespace sim::serve {

/// The summary metrics (names, units, meanings, which way is better), read from the run
/// library's definitions so that new metrics appear on the page without a change here.
Json metric_definitions();

/// The page's view of a two-variant experiment (variants[0] the current layout, [1] the
/// edited one).
Json result_json(const run::Experiment& e);

}  // namespace sim::serve
