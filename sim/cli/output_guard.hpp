// The output file may never be one of the run's input files.
#pragma once

#include <string>
#include <vector>

#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::cli {

/// Every file a loaded scenario was read from: the scenario, its overlays, catalogue, systems
/// and holiday files.
std::vector<std::string> input_files(const scenario::Scenario& s);
/// Every file a national scenario was read from: its extends chain, the dataset's CSV files
/// and every class's template with its inputs.
std::vector<std::string> input_files(const scenario::NationalScenario& n);

/// Refuses (io::OutputError, exit 2) an output path that is one of `inputs` on disk: the same
/// device and inode, so "./in.toml", a symbolic link to it and a hard link are all found, not
/// only the same spelling. Checked before the output is created, so the input is untouched.
void check_output_is_not_input(const std::string& output, const std::vector<std::string>& inputs);

}  // namespace sim::cli
