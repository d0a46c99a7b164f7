// The simulation's single time unit: minutes as double, with named helpers.
#pragma once

namespace sim::engine {

/// Simulated time in minutes since the start of the run.
using SimTime = double;

inline constexpr SimTime minutes(double m) { return m; }
inline constexpr SimTime hours(double h) { return h * 60.0; }
inline constexpr SimTime days(double d) { return d * 1440.0; }

}  // namespace sim::engine
