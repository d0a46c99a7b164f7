// Entry point of the motcua command: dispatches subcommands and maps errors to exit codes.
#include "sim/cli/cli.hpp"
#include "sim/run/cluster.hpp"

#include <ostream>

#include <boost/program_options/errors.hpp>
#include <boost/program_options/parsers.hpp>
#include <boost/program_options/positional_options.hpp>
#include <boost/program_options/variables_map.hpp>

#include "sim/cli/exit_codes.hpp"
#include "sim/engine/sim_error.hpp"
#include "sim/io/output_error.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/version.hpp"

namespace sim::cli {
namespace {
void usage(std::ostream& out) {
  out << "usage: motcua <command> [options]\n\n"
         "commands:\n"
         "  run SCENARIO [OVERLAY...] -o OUT.h5\n"
         "                           simulate a scenario, write results to HDF5\n"
         "  compare SCENARIO --variant NAME=OVERLAY... -o OUT.h5\n"
         "                           variants on common random numbers, paired differences\n"
         "  sweep SCENARIO --key K --values V1,V2... -o OUT.h5\n"
         "                           one key over a range of values, paired with the first\n"
         "  optimize SCENARIO --goal GOAL.toml -o OUT.h5\n"
         "                           the cheapest layout that meets a goal, with a guarantee\n"
         "  report OUT.h5 -o DIR     plots and an HTML page (DIR/index.html) from results\n"
         "  validate SCENARIO...     check scenario files without running them\n"
         "  regress                  rerun the regression cases, compare with their references\n"
         "  fit LOG -o WARD.toml     a scenario fitted from a ticket-machine log or a trace\n"
         "  serve [--port 8080]      the page for ward leaders, in a browser (docs/serve.md)\n\n"
         "motcua <command> --help    options of a command\n"
         "motcua --version           program version\n\n"
         "exit codes: 0 ok, 1 comparison failed, 2 bad input, 3 internal error,\n"
         "            4 optimize: no layout meets the goal\n";
}
}  // namespace

boost::program_options::variables_map parse_arguments(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible, const char* positional) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(visible).add_options()(positional, po::value<std::vector<std::string>>(), "");
  po::positional_options_description positions;
  positions.add(positional, -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(all).positional(positions).run(), vm);
  po::notify(vm);
  return vm;
}

bool printed_help(const boost::program_options::variables_map& vm,
                  const boost::program_options::options_description& visible, std::ostream& out) {
  if (!vm.count("help")) return false;
  out << visible << "\n";
  return true;
}

std::vector<std::string> settings_of(const boost::program_options::variables_map& vm) {
  std::vector<std::string> out;
  if (!vm.count("set")) return out;
  for (auto text : vm["set"].as<std::vector<std::string>>()) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
      throw boost::program_options::error("--set '" + text + "': expected KEY.PATH=VALUE");
    out.push_back(text.substr(0, eq) + " = " + text.substr(eq + 1));
  }
  return out;
}

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? err : out);
    return args.empty() ? exit_bad_input : exit_ok;
  }
  if (args[0] == "--version" || args[0] == "-V") {
    out << program_version << "\n";
    return exit_ok;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  try {
    // Under mpirun only the commands of one fan-out spread their units over the ranks.
    if (run::cluster::ranks() > 1 && args[0] != "run" && args[0] != "compare" && args[0] != "sweep")
      throw boost::program_options::error("cannot run under mpirun (run, compare and sweep can)");
    if (args[0] == "run") return run_command(rest, out, err);
    if (args[0] == "compare") return compare_command(rest, out, err);
    if (args[0] == "sweep") return sweep_command(rest, out, err);
    if (args[0] == "optimize") return optimize_command(rest, out, err);
    if (args[0] == "report") return report_command(rest, out, err);
    if (args[0] == "validate") return validate_command(rest, out, err);
    if (args[0] == "regress") return regress_command(rest, out, err);
    if (args[0] == "fit") return fit_command(rest, out, err);
    if (args[0] == "serve") return serve_command(rest, out, err);
    err << "motcua: unknown command '" << args[0] << "'\n";
    usage(err);
    return exit_bad_input;
  } catch (const scenario::InputError& e) {
    err << "motcua: invalid input:\n" << e.what() << "\n";
    return exit_bad_input;
  } catch (const boost::program_options::error& e) {
    err << "motcua " << args[0] << ": " << e.what() << " (see motcua " << args[0] << " --help)\n";
    return exit_bad_input;
  } catch (const io::OutputError& e) {
    err << "motcua: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const engine::SimError& e) {
    err << "motcua: simulation failed " << e.what() << "\n";
    return exit_internal;
  } catch (const std::exception& e) {
    err << "motcua: internal error: " << e.what() << "\n";
    return exit_internal;
  }
}

}  // namespace sim::cli
