// The immutable scenario: what the files say, then what the named transforms made of it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/scenario/policy_settings.hpp"
#include "sim/scenario/source_map.hpp"

namespace sim::scenario {

/// Run-level settings (the CLI may override replications and seed).
struct RunSettings {
  std::uint64_t replications = 10;
  std::uint64_t seed = 1;
  double warmup_min = 0.0;   ///< statistics ignore citizens arriving before this time
  double horizon_min = 0.0;  ///< arrivals stop at warmup_min + horizon_min; the rest is drained
  /// Center form: the first days of the calendar that are simulated but not reported
  /// (warmup_min is then warmup_days x 1440); 0 in the station form.
  std::uint32_t warmup_days = 0;
  /// A visit served after waiting at most this many minutes counts toward service_level.
  double service_target_min = 30.0;
};

/// Which of the two scenario forms a file uses.
enum class ScenarioForm {
  station,  ///< one queue, identical always-open counters, Poisson arrivals (validation)
  center,   ///< the full center: calendar, catalogue, counters, staff, policies
};

/// A policy overlay as applied to a scenario: where it came from and what it says it is.
struct OverlayInfo {
  std::string path;
  std::string name;
  std::string description;
  std::string text;  ///< the file exactly as read
};

/// A scenario. The loader reads one from files; a transform (policy_transforms.hpp, the
/// national scaling) makes a new one from it; validate() checks the last one. load_scenario()
/// does all three. A scenario is never changed in place once made.
struct Scenario {
  std::string name;
  std::string description;
  std::string source_path;
  std::string source_text;            ///< the file exactly as read, stored in every output file
  std::vector<OverlayInfo> overlays;  ///< applied in this order on top of the file
  /// The scenario as read after the overlays were merged in (TOML), stored in output files.
  std::string resolved_text;
  ScenarioForm form = ScenarioForm::station;
  std::string catalogue_path;  ///< center form: the procedure catalogue used
  std::string systems_path;    ///< center form: the software-systems file; empty = no systems
  RunSettings run;
  model::CenterParams center;
  PolicySet policies;                   ///< the [policies] as written
  std::vector<std::string> transforms;  ///< names of the transforms applied, in order
  /// Where every value read was written (shared: transforms copy scenarios, never this map).
  std::shared_ptr<const SourceMap> sources;
};

}  // namespace sim::scenario
