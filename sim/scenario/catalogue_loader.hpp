// Reads a procedure catalogue file (domains and procedures) into CenterParams.
#pragma once

#include <string>
#include <vector>

#include <optional>
#include <utility>

#include <toml++/toml.h>

#include "sim/model/center_params.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/systems_loader.hpp"

namespace sim::scenario {

/// Reads domains and procedures from a catalogue TOML file. Problems (naming the catalogue
/// file, line and key) are appended to `problems`. With `systems`, every name in a procedure's
/// `systems` list must be one of its ids and fills system_ids; without, the names are kept but
/// stand for nothing (the scenario models no systems). With `sources`, where each key was
/// written is recorded there. Returns false when the file could not
/// be read or parsed (the procedures are then left as they were).
bool read_catalogue(const std::string& path, std::vector<model::DomainParams>& domains,
                    std::vector<model::ProcedureParams>& procedures, std::vector<Problem>& problems,
                    const SystemIndex* systems = nullptr, SourceMap* sources = nullptr);

/// A calendar file: closed weekdays, and make-up working days with the weekday each follows.
struct CalendarFacts {
  std::vector<model::Date> holidays;
  std::vector<std::pair<model::Date, unsigned>> working_days;
};

/// Reads a calendar file (`dates = [...]`, optional `[[working_days]]` with `date` and
/// `follows`), appending problems.
CalendarFacts read_holidays(const std::string& path, std::vector<Problem>& problems);

}  // namespace sim::scenario
