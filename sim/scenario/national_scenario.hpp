// A national scenario: every center of the dataset, each built from a template by its class.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/national_dataset.hpp"
#include "sim/scenario/national_sizing.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::scenario {

/// A class of centers sharing one template: units of the given types whose (adjusted)
/// population falls in [min_population, max_population).
struct CenterClass {
  std::string name;
  std::vector<UnitType> types;
  double min_population = 0.0;
  double max_population = 1e300;
  Scenario base;                 ///< the template with the national run's dates and settings
  double visits_per_1000 = 0.0;  ///< in-person and online visits per 1,000 planning residents a day
  std::string unit_code;         ///< set: the class of one named unit, from its override's scenario
};

/// Province-level overrides.
struct ProvinceOverride {
  double visits_factor = 1.0;       ///< demand multiplier for every center of the province
  double back_office_factor = 1.0;  ///< back-office workers multiplier
  /// Every system's sync_failure_share x this, in place of [national] sync_failure_factor: each
  /// province runs its own dossier software (E7), so its synchronisation failures are its own.
  std::optional<double> sync_failure_factor;
  /// Every center's online.reception_miss_share, in place of [national] reception_miss_share.
  std::optional<double> reception_miss_share;
};

/// One simulated center (a commune center or a branch).
struct NationalCenter {
  std::size_t unit = 0;      ///< index into dataset.units
  std::size_t klass = 0;     ///< index into classes
  std::size_t province = 0;  ///< index into dataset.provinces
  double daily_visits = 0.0;
  std::uint32_t back_office_workers = 0;
  std::uint32_t counters = 0;          ///< counters after sizing (>= the template's)
  std::uint32_t seconded_workers = 0;  ///< seconded back-office officers (allocate_secondment)
};

/// The loaded national scenario; immutable once built.
struct NationalScenario {
  std::string name;
  std::string description;
  std::string source_path;
  std::string source_text;
  std::vector<std::string> extends_chain;  ///< the files it extends (`extends`), nearest first
  std::string resolved_text;
  RunSettings run;
  NationalDataset dataset;
  std::vector<CenterClass> classes;
  std::map<std::string, ProvinceOverride> overrides;   ///< by province code
  std::map<std::string, UnitOverride> unit_overrides;  ///< by unit code
  /// Counters follow demand: the template's counters per daily visit (its staffing norm) x the
  /// center's demand, rounded up, never fewer than the template's.
  bool counters_follow_demand = false;
  double back_office_capacity = 1.0;     ///< workers per unit of template-relative demand
  double back_office_time_factor = 1.0;  ///< back-office minutes per dossier x this
  /// ... for dossiers received before this minute of the run (back_office_time_factor_until).
  double back_office_time_factor_until_min = std::numeric_limits<double>::infinity();
  /// Every system's sync_failure_share x this (at most 1): the launch's synchronisation failures,
  /// in every province without its own factor ([provinces.CODE] sync_failure_factor).
  double sync_failure_factor = 1.0;
  /// Every center's online.reception_miss_share in provinces without their own; none: the
  /// templates' own.
  std::optional<double> reception_miss_share;
  /// Seconded back-office officers per center of a province ([national] secondment_per_unit),
  /// shared out by allocate_secondment; they work from minute secondment_from_min of the run.
  double secondment_per_unit = 0.0;
  double secondment_from_min = 0.0;
  std::vector<NationalCenter> centers;  ///< in dataset order, units without a center left out
};

/// The largest population a unit of the dataset may have (the largest commune-level unit has
/// well under a million residents; a typing error in the CSV must not become a day's demand
/// that cannot be simulated).
inline constexpr double max_unit_population = 1.0e7;

/// Whether a scenario file is a national one (has a [national] table).
bool is_national_scenario(const std::string& path);

/// Reads and checks a national scenario (all problems at once, file/line/key); `settings` are
/// TOML lines merged in like --set (e.g. "national.provinces = [\"79\"]").
NationalScenario load_national_scenario(const std::string& path,
                                        const std::vector<std::string>& settings = {});

/// The national scaling, a named transform ("national"): the center-form scenario of one
/// center is its class's template with the center's id (its GSO code as a number, which keys
/// its random streams, so a one-province run draws exactly what the national run draws for
/// those centers), demand (demand.daily_visits), counters (grow_layout) and back-office workers
/// (back_office.workers), and the back office's time factor ([national] back_office_time_factor,
/// applied to the dossiers received before back_office_time_factor_until) and every system's
/// sync_failure_share x its province's sync_failure_factor, else [national] sync_failure_factor
/// (at most 1), the share of online dossiers its routine misses (its province's
/// reception_miss_share, else [national] reception_miss_share, else the template's), and the
/// center's seconded
/// officers (back_office.seconded, from [national] secondment_from).
/// load_national_scenario() has validated every center's result.
Scenario center_scenario(const NationalScenario& n, std::size_t center);

}  // namespace sim::scenario
