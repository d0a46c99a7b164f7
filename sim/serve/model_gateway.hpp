// The page server's one door into the rest of motcua: templates, the national dataset, the
// loader, the experiment runner and the report. API changes elsewhere are fixed here.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/serve/toml_json.hpp"

namespace sim::serve {

/// Where a scenario comes from: a template or named ward ("template", file stem) or a unit of
/// the national dataset ("unit", GSO code). Clients name origins, never paths.
struct Origin {
  std::string kind;
  std::string id;
};

/// Limits on what one run may ask for (the server's, not the scenario format's).
struct RunLimits {
  std::uint64_t max_replications = 20;
  std::uint64_t max_days = 31;
  double max_daily_visits = 5000;
};

/// Called by a run between replications: `cancelled` stops it (RunCancelled is thrown),
/// `progress` reports units done out of the total.
struct RunHooks {
  std::function<bool()> cancelled = [] { return false; };
  std::function<void(std::size_t, std::size_t)> progress = [](std::size_t, std::size_t) {};
};

/// Thrown out of run_comparison when its hooks say the run was cancelled.
struct RunCancelled {};

/// Both layouts loaded and checked, ready to run; opaque to the server.
struct PreparedRun;

/// Runs `motcua report FILE.h5 -o DIR` (injected by the CLI, which owns that command).
using ReportCommand =
    std::function<int(const std::vector<std::string>&, std::ostream&, std::ostream&)>;

class ModelGateway {
 public:
  /// Reads the templates, wards, policy overlays and the national dataset under scenarios_dir.
  explicit ModelGateway(const std::string& scenarios_dir, RunLimits limits = {});
  ~ModelGateway();
  ModelGateway(const ModelGateway&) = delete;
  ModelGateway& operator=(const ModelGateway&) = delete;

  const RunLimits& limits() const { return limits_; }
  /// Templates and named wards: [{id, name, description}].
  Json templates() const;
  /// National units that have a service point: [{code, name, type, province_code, province}].
  Json units() const;
  /// Policy overlays that only add [policies.X] tables: [{key (file stem), name, description,
  /// tables: {X: table, ...}}]; ticking one on the page applies all its tables.
  Json policies() const;
  /// Summary metric definitions with the direction that counts as better.
  Json metrics() const;

  /// The origin's scenario for the form: {origin, name, scenario, domains}; nullopt when the
  /// origin is unknown.
  std::optional<Json> scenario(const Origin& origin) const;
  /// The edited scenario through the loader: {ok, problems: [{file, line, key, message,
  /// text}], toml} (toml: the commented file a download gives).
  Json check(const Origin& origin, const Json& scenario) const;
  /// An uploaded TOML file: {ok, scenario, domains} or {ok: false, problems}. It is read as if
  /// it sat in the templates folder (so its relative paths mean what they meant there).
  Json upload(const std::string& text) const;

  /// Both layouts through the loader and the run limits; on refusal, {problems: [...]}.
  std::variant<std::shared_ptr<const PreparedRun>, Json> prepare_run(
      const Origin& origin, const Json& current, const Json& edited,
      std::uint64_t replications) const;
  /// Runs the current (base) and edited layouts on common random numbers, writes the
  /// comparison to `h5_path` and returns what the page draws.
  Json run_comparison(const PreparedRun& run, const RunHooks& hooks,
                      const std::string& h5_path) const;
  /// The report page of a results file in `lang` (vi, en or both), as one self-contained HTML
  /// file in out_dir.
  std::string make_report(const ReportCommand& report, const std::string& h5_path,
                          const std::string& out_dir, const std::string& lang) const;

 private:
  struct Data;
  std::string scenario_path(const Origin& origin) const;
  RunLimits limits_;
  std::unique_ptr<Data> data_;
};

}  // namespace sim::serve
