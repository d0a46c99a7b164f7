// Scenario tables between TOML (what the loader reads) and JSON (what the page edits).
#pragma once

#include <filesystem>
#include <string>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

namespace sim::serve {

/// JSON with keys in the order they were written (the TOML file's order survives a round trip).
using Json = nlohmann::ordered_json;

/// A TOML table as JSON: tables become objects, arrays arrays, dates "YYYY-MM-DD" strings.
Json to_json(const toml::table& table);

/// JSON back to a TOML table. A string of the form YYYY-MM-DD becomes a TOML date (the only
/// TOML type JSON lacks that scenarios use); integral numbers stay integers. Tables with a
/// `type` key (distributions) and tables inside an array element (a staff member's skills)
/// are written inline, as the templates write them. Throws std::invalid_argument on null.
toml::table to_toml(const Json& object);

/// The table as a scenario file: `header` comment lines first, then each top-level table or
/// array of tables after a one-line comment saying what it is (comments in English, as the
/// project's scenario files; they survive `motcua run`, which ignores comments).
std::string commented_toml(const toml::table& table, const std::string& header);

/// Whether a scenario value names a file: the keys catalogue, systems, holidays and extends,
/// and any string ending in .toml or .csv.
bool is_path_value(const std::string& key, const Json& value);

/// Absolute file names inside `root` rewritten relative to `dir`, as the templates write them
/// (the national scenario makes its systems file absolute), so that a downloaded file runs
/// wherever the project is.
void relative_paths(Json& node, const std::filesystem::path& dir,
                    const std::filesystem::path& root);

}  // namespace sim::serve
