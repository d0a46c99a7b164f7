// Entry point of the motcua command: dispatches subcommands and maps errors to exit codes.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <boost/program_options/options_description.hpp>
#include <boost/program_options/variables_map.hpp>

namespace sim::cli {

/// Runs the command line (args excludes the program name). Returns the exit code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `motcua run`: simulate a scenario and write results to HDF5.
int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua report`: plots and an HTML page from a results file (runs analysis/report.py).
int report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// Runs analysis/SCRIPT_NAME with Debian's python3 and `args` (no shell), its output copied to
/// out and err; returns the script's exit code.
int run_analysis_script(const std::string& script_name, const std::vector<std::string>& args,
                        std::ostream& out, std::ostream& err);
/// `motcua fit`: a scenario (and a fit report) from a ticket-machine log.
int fit_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua compare`: a base and variants on common random numbers, paired differences.
int compare_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua sweep`: one key over a range of values on common random numbers.
int sweep_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua run` on a national scenario (a file with a [national] table).
int run_national_scenario(const boost::program_options::variables_map& vm,
                          const std::vector<std::string>& files, std::ostream& out);
/// A command's arguments parsed with Boost.Program_options: the `visible` options (the ones
/// --help lists), and every positional argument as the string list named `positional`.
boost::program_options::variables_map parse_arguments(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& visible, const char* positional);
/// True, after printing the visible options, when --help was asked for.
bool printed_help(const boost::program_options::variables_map& vm,
                  const boost::program_options::options_description& visible, std::ostream& out);
/// The --set KEY.PATH=VALUE options as TOML lines for the loader ("KEY.PATH = VALUE").
std::vector<std::string> settings_of(const boost::program_options::variables_map& vm);
/// `motcua optimize`: the cheapest layout that meets a goal, with a stated guarantee.
int optimize_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua validate`: load and check scenario files without running them.
int validate_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
/// `motcua regress`: rerun the committed regression cases and compare them with their references.
int regress_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// `motcua serve`: the page for ward leaders over HTTP (sim/serve).
int serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace sim::cli
