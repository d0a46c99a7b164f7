// `motcua validate`: load and check scenario files (and overlays on them) without running them.
#include <ostream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::cli {

namespace po = boost::program_options;

namespace {

/// Whether the file is a policy overlay (it has an [overlay] table); false if it is not TOML.
bool is_overlay(const std::string& path) {
  std::vector<scenario::Problem> ignored;  // missing or malformed: loading it reports why
  const auto root = scenario::parse_toml_file(path, ignored);
  return root && root->contains("overlay");
}

std::string joined(const std::string& scenario, const std::vector<std::string>& overlays) {
  std::string text = scenario;
  for (const auto& o : overlays) text += " + " + o;
  return text;
}

}  // namespace

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua validate FILE... : check scenario files, and overlays on them\n"
      "  Each scenario is checked alone; overlays (files with an [overlay] table) are checked\n"
      "  merged, in order, into the scenario before them, as `motcua run SCENARIO OVERLAY...`\n"
      "  would read them (e.g. motcua validate ward.toml policies/ai_robot.toml)");
  visible.add_options()("help,h", "show this help");
  const auto vm = parse_arguments(args, visible, "scenario");
  if (printed_help(vm, visible, out)) return exit_ok;
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  int status = exit_ok;
  const auto check = [&](const std::string& what, const auto& load) {
    try {
      const auto name = load();
      out << "ok: " << what << name << "\n";
      return true;
    } catch (const scenario::InputError& e) {
      err << e.what() << "\n";
      status = exit_bad_input;
      return false;
    }
  };
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  std::string base;
  bool base_ok = false;  // overlays on a scenario that fails alone would repeat its problems
  std::vector<std::string> overlays;
  const auto check_overlays = [&] {
    if (!base_ok || overlays.empty()) return;
    check(joined(base, overlays),
          [&] { return " (" + scenario::load_scenario(base, overlays).name + ")"; });
  };
  for (const auto& path : files) {
    if (!is_overlay(path)) {
      check_overlays();
      base = path;
      overlays.clear();
      base_ok = check(path, [&] {
        if (scenario::is_national_scenario(path)) {
          const auto n = scenario::load_national_scenario(path);
          return " (" + n.name + ", " + std::to_string(n.centers.size()) + " centers)";
        }
        return " (" + scenario::load_scenario(path).name + ")";
      });
    } else if (base.empty()) {
      // No scenario to apply it to: check what can be checked on its own.
      check(path, [&] {
        scenario::OverlayInfo info;
        std::vector<scenario::Problem> problems;
        scenario::read_overlay(path, info, problems);
        if (!problems.empty()) throw scenario::InputError(problems);
        return " (overlay '" + info.name + "'; give a scenario before it to check it applied)";
      });
    } else {
      overlays.push_back(path);
    }
  }
  check_overlays();
  return status;
}

}  // namespace sim::cli
