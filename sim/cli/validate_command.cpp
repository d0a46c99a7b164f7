// `motcua validate`: load and check scenario files without running them.
#include <ostream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::cli {

namespace po = boost::program_options;

int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible("motcua validate SCENARIO... : check scenario files");
  visible.add_options()("help,h", "show this help");
  po::options_description all;
  all.add(visible).add_options()("scenario", po::value<std::vector<std::string>>(), "files");
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
  if (vm.count("help")) {
    out << visible << "\n";
    return exit_ok;
  }
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  int status = exit_ok;
  for (const auto& path : vm["scenario"].as<std::vector<std::string>>()) {
    try {
      if (scenario::is_national_scenario(path)) {
        const auto n = scenario::load_national_scenario(path);
        out << "ok: " << path << " (" << n.name << ", " << n.centers.size() << " centers)\n";
        continue;
      }
      const auto s = scenario::load_scenario(path);
      out << "ok: " << path << " (" << s.name << ")\n";
    } catch (const scenario::InputError& e) {
      err << e.what() << "\n";
      status = exit_bad_input;
    }
  }
  return status;
}

}  // namespace sim::cli
