// The output file may never be one of the run's input files.
#include "sim/cli/output_guard.hpp"

#include <sys/stat.h>

#include "sim/io/output_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::cli {

std::vector<std::string> input_files(const scenario::Scenario& s) {
  std::vector<std::string> files{s.source_path};
  for (const auto& o : s.overlays) files.push_back(o.path);
  if (!s.catalogue_path.empty()) files.push_back(s.catalogue_path);
  if (!s.systems_path.empty()) files.push_back(s.systems_path);
  // The holiday file is resolved from the scenario file, as the loader does. The resolved text
  // was written by toml++ from a tree that passed the loader, so it parses.
  std::vector<scenario::Problem> ignored;
  if (const auto root = scenario::parse_toml(s.resolved_text, s.source_path, ignored)) {
    if (const auto holidays = root->at_path("hours.holidays").value<std::string>()) {
      files.push_back(scenario::resolve_path(s.source_path, *holidays));
    }
  }
  return files;
}

std::vector<std::string> input_files(const scenario::NationalScenario& n) {
  std::vector<std::string> files{n.source_path};
  files.insert(files.end(), n.extends_chain.begin(), n.extends_chain.end());
  files.insert(files.end(), n.dataset.files.begin(), n.dataset.files.end());
  for (const auto& c : n.classes) {
    const auto more = input_files(c.base);
    files.insert(files.end(), more.begin(), more.end());
  }
  return files;
}

void check_output_is_not_input(const std::string& output, const std::vector<std::string>& inputs) {
  struct stat out {};
  if (::stat(output.c_str(), &out) != 0) return;  // a new file cannot be an input
  for (const auto& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
      throw io::OutputError("cannot write " + output + ": it is an input of this run (" + input +
                            "); choose another output file");
    }
  }
}

}  // namespace sim::cli
