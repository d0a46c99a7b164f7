// Reads the value forms every scenario file shares: distributions, sessions, weekdays, paths.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/model/work_calendar.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Weekday names as scenario files write them, Monday first.
inline const std::array<std::string, 7> weekday_names = {"mon", "tue", "wed", "thu",
                                                         "fri", "sat", "sun"};

/// A required positive finite number under `key`; nullopt after recording a problem.
std::optional<double> positive(TableReader& t, const std::string& key);

/// Reads a distribution table such as { type = "lognormal", median = 5, cv = 0.6 }.
/// Records problems and returns nullopt when it is invalid.
std::optional<engine::Distribution> read_distribution(TableReader& table);

/// The distribution in sub-table `key` of `t`, if present and valid.
std::optional<engine::Distribution> read_distribution(TableReader& t, const std::string& key,
                                                      bool required);

/// Sessions written as ["07:30-11:30", "13:30-17:00"] under `key` (empty when absent); a
/// malformed one is reported and skipped.
std::vector<model::Session> read_sessions(TableReader& t, const std::string& key);

/// A time of day "HH:MM" under `key`, as minutes after midnight; nullopt (and a problem) when
/// it is malformed, nullopt alone when absent.
std::optional<int> read_clock(TableReader& t, const std::string& key, bool required);

/// Weekdays written as ["mon", "sat"] under `key`, as a mask, Monday first.
std::array<bool, 7> read_weekdays(TableReader& t, const std::string& key, bool required);

/// A path written in a scenario file, relative to that file's folder (absolute paths as they
/// are); when there is no such file, the same reference in the installed scenarios/ folder
/// (a template copied elsewhere still finds ../catalogue/commune.toml), else the path next to
/// the file (so that the error names it).
std::string resolve_path(const std::string& scenario_path, const std::string& relative);

/// Reads [run] service_target_min (minutes; default 30), used by service_level.
void read_service_target(TableReader& run_table, RunSettings& run);

}  // namespace sim::scenario
