// Scenario tables between TOML (what the loader reads) and JSON (what the page edits).
#pragma once

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

}  // namespace sim::serve
