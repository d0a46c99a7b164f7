// Reads a procedure catalogue file (domains and procedures) into CenterParams.
#pragma once

#include <string>
#include <vector>

#include <optional>

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

/// Reads a holiday list file (`dates = [...]`), appending problems.
std::vector<model::Date> read_holidays(const std::string& path, std::vector<Problem>& problems);

}  // namespace sim::scenario
