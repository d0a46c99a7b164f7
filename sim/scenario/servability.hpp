// Finds demand that no counter, no staff member, no session can ever serve, after every policy.
#pragma once

#include <toml++/toml.h>

#include "sim/model/center_params.hpp"
#include "sim/model/work_calendar.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// A domain is servable when some counter calls its tickets (own or overflow) and some staff
/// member seated there can do it (speed > 0), is not always absent, and works on a weekday the
/// center opens within the run. Every domain with walk-in demand (a procedure with share > 0
/// and a visit factor > 0) must be servable: otherwise a problem names the domain, its
/// procedures, why (no counter, a counter without staff, nobody able to do it) and the
/// layout's file and line. With [policy] unserved = "turn_away" the scenario says so on
/// purpose: no problem, and center.policy.turn_away marks those domains instead.
/// `root` is the scenario's TOML after overlays and settings (for the layout's lines).
void check_servability(const toml::table& root, const model::CalendarSpec& calendar,
                       model::CenterParams& center, ProblemList& problems);

}  // namespace sim::scenario
