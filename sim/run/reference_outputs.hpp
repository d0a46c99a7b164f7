// Reference outputs of a regression case: per-replication summary metrics, read and written
// as small TOML files whose numbers round-trip exactly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/run/parallel_runner.hpp"
#include "sim/run/regression_manifest.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/stats/table.hpp"

namespace sim::run {

/// The summary metrics of every replication of one run (the `/replications` rows of its
/// output file), with what produced them. Format documented in docs/regression.md.
struct ReferenceOutputs {
  std::string case_name;
  std::string scenario;               ///< the scenario path as written in the manifest
  std::vector<std::string> overlays;  ///< as written in the manifest
  std::vector<std::string> settings;  ///< as written in the manifest
  std::string form;                   ///< "station" or "center"
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;
  std::vector<std::string> metrics;         ///< in the order of summary_metrics(form)
  std::vector<std::vector<double>> values;  ///< values[metric][replication]

  /// The index of `metric` in metrics, or metrics.size() when absent.
  std::size_t find(const std::string& metric) const;
};

/// The shortest text that reads back as exactly `v` (std::to_chars), always with a decimal
/// point or exponent so that TOML reads it as a float; NaN is "nan".
std::string exact_text(double v);

/// The reference outputs of a run that has just been made.
ReferenceOutputs make_reference(const RegressionCase& c, const scenario::Scenario& s,
                                const RunOptions& options,
                                const std::vector<stats::ReplicationResult>& results);

/// The file text. Deterministic: the same outputs always give the same bytes.
std::string format_reference(const ReferenceOutputs& ref);

/// Parses a reference file's text; `path` is only used in messages. Throws
/// scenario::InputError naming file, line and key for malformed or inconsistent content,
/// including a `case` other than `expected_case` (unless that is empty).
ReferenceOutputs parse_reference(const std::string& text, const std::string& path,
                                 const std::string& expected_case);

/// Reads a reference file. Throws scenario::InputError (missing, malformed).
ReferenceOutputs read_reference(const std::string& path, const std::string& expected_case);

/// Writes the file under a temporary name and renames it, so a reference file is never
/// half-written. Returns true when the bytes differ from the file that was there before.
/// Throws io::OutputError when the folder cannot be written.
bool write_reference(const std::string& path, const ReferenceOutputs& ref);

}  // namespace sim::run
