// Reads a systems file (software, failure processes, episodes) and resolves system ids.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/system_params.hpp"
#include "sim/model/work_calendar.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// At most this many systems: procedures hold the systems they need as a 64-bit mask.
inline constexpr std::size_t max_systems = 64;

/// The systems of a scenario by id, to resolve the names other tables and files give.
struct SystemIndex {
  std::string path;  ///< the systems file; empty when the scenario models no systems
  std::map<std::string, std::uint32_t> ids;
  /// False when the file could not be read or parsed: names are then not checked, since the
  /// file's own problem is the one to report.
  bool readable = false;

  /// The index of system `name`, named at `key` of `t`. Records a problem (naming the
  /// systems file, or saying there is none) and returns nullopt when it cannot be resolved.
  /// `who` prefixes the message, e.g. "procedure 'birth' needs ".
  std::optional<std::uint32_t> find(TableReader& t, const std::string& key, const std::string& name,
                                    const std::string& who = "") const;
};

/// The run's time frame, to place scheduled episodes: minute 0 is midnight at the start of
/// `start`, and the run's last day ends at minute `horizon_min`.
struct RunFrame {
  model::Date start;
  double horizon_min = 0.0;
};

/// Reads the systems file at `path`: ids, dependencies (checked for unknown ids and cycles),
/// failure, repair and degradation distributions, outage policy and episodes converted to run
/// minutes. Problems name the systems file, line and key; they are appended to `problems`.
/// Fills `index` with the ids read; with `sources`, records where each key was written.
std::vector<model::SystemParams> read_systems(const std::string& path, const RunFrame& frame,
                                              SystemIndex& index, std::vector<Problem>& problems,
                                              SourceMap* sources = nullptr);

}  // namespace sim::scenario
