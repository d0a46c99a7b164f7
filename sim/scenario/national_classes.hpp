// Reading a national scenario's classes: each one's template, overlays and settings, and the
// class of a named unit whose override gives its own scenario file.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// One [[classes]] table: its unit types, population band, visit rate and template (read with
/// the national run's template settings, its overlays and settings, and its policies applied;
/// validated per center later). Appended to n.classes; problems of the template go to `other`.
void read_class(TableReader& t, const std::string& path,
                const std::vector<std::string>& template_settings, NationalScenario& n,
                std::vector<Problem>& other);

/// The class of a named unit whose override gives a scenario file: that file is its template.
void read_unit_class(const std::string& code, const UnitOverride& o,
                     const std::vector<std::string>& template_settings, NationalScenario& n,
                     std::vector<Problem>& other);

}  // namespace sim::scenario
