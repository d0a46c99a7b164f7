// Whole-number command-line options (threads, replications, seed) with a documented range.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

namespace sim::cli {

/// A whole-number option and its valid range, shown in --help and checked when read.
struct CountOption {
  const char* name;  ///< the long name, e.g. "threads"
  std::uint64_t min;
  std::uint64_t max;
  /// "a whole number from 1 to 256"
  std::string range() const;
};

/// Worker threads: beyond a few hundred a thread pool only costs memory and start-up time
/// (1,000,000 threads hung the program).
inline constexpr CountOption threads_option{"threads", 1, 256};
/// Replications of a center or station scenario, as the scenario key run.replications.
inline constexpr CountOption replications_option{"replications", 1, 1000000};
/// Replications per variant of a comparison or sweep: paired differences need two.
inline constexpr CountOption compare_replications_option{"replications", 2, 1000000};
/// Replications of a national scenario (3,139 centers each), as its run.replications.
inline constexpr CountOption national_replications_option{"replications", 1, 10000};
inline constexpr CountOption seed_option{"seed", 0, std::numeric_limits<std::uint64_t>::max()};

/// Adds the option to `d` under `names` (e.g. "threads,t") as text, so that "-1" or "1e9"
/// reach count_value instead of wrapping around in Boost's unsigned conversion; its range is
/// appended to `help`.
void add_count_option(boost::program_options::options_description& d, const char* names,
                      const CountOption& option, const std::string& help);

/// The option's value, or nullopt when it was not given. A value that is not a whole number
/// in range is a boost::program_options::error naming the option, the value and the range
/// (exit 2).
std::optional<std::uint64_t> count_value(const boost::program_options::variables_map& vm,
                                         const CountOption& option);

/// --threads, or the machine's hardware threads within threads_option's range.
unsigned threads_value(const boost::program_options::variables_map& vm);

}  // namespace sim::cli
