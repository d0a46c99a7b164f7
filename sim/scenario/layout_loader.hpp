// Reads a center's counter layout and staff ([[counters]], [[staff]]) and checks references.
#pragma once

#include "sim/model/center_params.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Reads [[counters]] and [[staff]]; domain names must exist in c.domains (the catalogue).
void read_layout(TableReader& top, model::CenterParams& c);

}  // namespace sim::scenario
