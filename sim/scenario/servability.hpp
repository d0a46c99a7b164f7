// Finds demand that no counter, no staff member, no session can ever serve, after every policy.
#pragma once

#include <vector>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::scenario {

/// A domain is servable when some counter calls its tickets (own or overflow) and some staff
/// member seated there can do it (speed > 0), is not always absent, and works on a weekday the
/// center opens within the run. Every domain with walk-in demand (a procedure with share > 0
/// and a visit factor > 0) must be servable: otherwise a problem names the domain, its
/// procedures, why (no counter, a counter without staff, nobody able to do it) and the
/// layout's file and line. With [policy] unserved = "turn_away" the scenario says so on
/// purpose: no problem, and center.policy.turn_away marks those domains instead.
/// Places problems through the scenario's source map; runs after the last transform and after
/// validate() (it assumes values in range).
void check_servability(Scenario& s, std::vector<Problem>& problems);

}  // namespace sim::scenario
