// The regression manifest: which committed scenarios `motcua regress` reruns, and how.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::run {

/// One [[case]] of the manifest (docs/regression.md).
struct RegressionCase {
  std::string name;                   ///< unique; also the stem of the reference file
  std::string scenario;               ///< as written in the manifest
  std::vector<std::string> overlays;  ///< as written in the manifest, applied in order
  std::string scenario_path;          ///< resolved against the manifest's folder
  std::vector<std::string> overlay_paths;
  std::vector<std::string> settings;          ///< TOML lines applied last, like `motcua run --set`
  std::optional<std::uint64_t> replications;  ///< overrides the scenario's run.replications
  std::optional<std::uint64_t> seed;          ///< overrides the scenario's run.seed
  std::uint32_t line = 0;                     ///< line of the case in the manifest, for messages
  std::string key;                            ///< "case[i]", the case's key path in messages
};

/// A loaded manifest. Relative paths in it are relative to the manifest's own folder, so the
/// command works from any current directory once it is given the manifest's path.
struct RegressionManifest {
  std::string path;
  std::string folder;  ///< the manifest's folder; also the default folder of reference files
  std::vector<RegressionCase> cases;

  /// The case called `name`, or nullptr.
  const RegressionCase* find(const std::string& name) const;
};

/// Reads and checks a manifest. Throws scenario::InputError listing every problem (file,
/// line, key) when it is missing, malformed, has unknown keys or duplicate case names.
RegressionManifest load_manifest(const std::string& path);

/// Loads the case's scenario with its overlays applied in order. Throws scenario::InputError,
/// whose problems name the scenario's or the overlay's own file, line and key.
scenario::Scenario load_case_scenario(const RegressionCase& c);

/// The run settings of a case: the manifest's overrides, else the scenario's own.
RunOptions case_run_options(const RegressionCase& c, const scenario::Scenario& s, unsigned threads);

/// Where the reference file of a case lives in `folder`: "<folder>/<name>.toml".
std::string reference_path(const std::string& folder, const RegressionCase& c);

}  // namespace sim::run
