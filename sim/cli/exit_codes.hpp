// The documented exit codes of the motcua command.
#pragma once

namespace sim::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_compare_failed = 1;  ///< a regression or comparison found drift
inline constexpr int exit_bad_input = 2;       ///< bad scenario, option or output path
inline constexpr int exit_internal = 3;        ///< a bug: please report it
inline constexpr int exit_infeasible = 4;      ///< motcua optimize: no layout meets the goal

}  // namespace sim::cli
