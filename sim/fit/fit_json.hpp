// The fit as JSON for the fit report (analysis/fit_report.py): estimates and ready-to-plot curves.
#pragma once

#include <string>

#include "sim/fit/ward_fit.hpp"

namespace sim::fit {

/// Everything the report draws: kept/dropped rows, hours, weekdays, and per domain the
/// service sample, each family's density on a grid and the chosen family's Q-Q points
/// (computed here with Boost.Math, so the script needs no statistics library).
std::string fit_json(const WardFit& fit, const std::string& scenario_path);

}  // namespace sim::fit
