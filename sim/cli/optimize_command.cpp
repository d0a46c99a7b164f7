// `motcua optimize`: the cheapest (or best) layout that meets a goal, with a stated guarantee.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/output_guard.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/whole_file.hpp"
#include "sim/optimize/evaluator.hpp"
#include "sim/optimize/layout_variant.hpp"
#include "sim/optimize/optimizer.hpp"
#include "sim/optimize/province.hpp"
#include "sim/optimize/result_file.hpp"
#include "sim/run/progress.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

/// OUT.h5 -> OUT.toml: where the recommended scenario goes unless --scenario-out says.
std::string default_scenario_out(const std::string& h5) {
  return fs::path(h5).replace_extension(".toml").string();
}

/// Province scale: a national scenario and a goal with a [province] table.
int optimize_province(const po::variables_map& vm, const std::vector<std::string>& files,
                      std::ostream& out, std::ostream& err) {
  if (files.size() > 1) throw po::error("a national scenario takes no overlays");
  const auto n = scenario::load_national_scenario(files.front(), settings_of(vm));
  const auto goal = optimize::read_province_goal(vm["goal"].as<std::string>(), n);
  run::RunOptions options;
  options.seed = count_value(vm, seed_option).value_or(n.run.seed);
  options.threads = threads_value(vm);
  const bool quiet = vm.count("quiet") > 0;
  const auto h5 = vm["output"].as<std::string>();
  auto inputs = input_files(n);
  inputs.push_back(goal.path);
  check_output_is_not_input(h5, inputs);
  io::ResultFile file(h5);
  const auto result = optimize::allocate(n, goal, options, quiet ? nullptr : &err);
  optimize::write_province(file, n, goal, result, options);
  file.commit();
  if (!quiet) {
    out << optimize::province_advice(n, goal, result, "en") << "\n"
        << optimize::province_advice(n, goal, result, "vi") << "\n"
        << "wrote " << h5 << "\n";
  }
  return exit_ok;
}

}  // namespace

int optimize_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua optimize SCENARIO [OVERLAY...] --goal GOAL.toml -o OUT.h5 [options]\n"
      "  Searches the layouts the goal file allows (counters, officers, Saturday opening,\n"
      "  reception, seconded staff, any integer key) for the cheapest one that meets its\n"
      "  targets (or the best one within a budget), on common random numbers, and confirms it on\n"
      "  fresh replications with a stated guarantee (docs/optimize.md). Writes OUT.h5 and the\n"
      "  recommended layout as a scenario file (OUT.toml). Exit 0: a layout is recommended;\n"
      "  4: no layout meets the goal; 2: bad input");
  visible.add_options()("help,h", "show this help")("goal,g", po::value<std::string>(),
                                                    "goal file (required)")(
      "output,o", po::value<std::string>(),
      "HDF5 file to write (required; never one of the input files)")(
      "scenario-out", po::value<std::string>(),
      "where to write the recommended scenario (default: OUT.h5 with .toml)");
  add_count_option(visible, "seed,s", seed_option, "root seed (default: the scenario's)");
  add_count_option(visible, "threads,t", threads_option,
                   "worker threads (default: the machine's); results do not depend on it");
  visible.add_options()("set", po::value<std::vector<std::string>>(),
                        "KEY.PATH=VALUE for the base scenario (repeatable)")("quiet,q",
                                                                             "no progress lines");
  const auto vm = parse_arguments(args, visible, "scenario");
  if (printed_help(vm, visible, out)) return exit_ok;
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  if (!vm.count("goal")) throw po::error("no goal file given (--goal GOAL.toml)");
  if (!vm.count("output")) throw po::error("no output file given (-o OUT.h5)");
  const auto files = vm["scenario"].as<std::vector<std::string>>();
  if (scenario::is_national_scenario(files.front())) return optimize_province(vm, files, out, err);
  optimize::BaseSpec base{files.front(), {files.begin() + 1, files.end()}, settings_of(vm)};
  auto scenario = scenario::load_scenario(base.path, base.overlays, base.settings);
  const auto goal = optimize::read_goal(vm["goal"].as<std::string>(), scenario);
  run::RunOptions options;
  options.seed = count_value(vm, seed_option).value_or(scenario.run.seed);
  options.threads = threads_value(vm);
  const bool quiet = vm.count("quiet") > 0;
  options.progress = !quiet && run::stderr_is_terminal();
  const auto h5 = vm["output"].as<std::string>();
  const auto toml_out =
      vm.count("scenario-out") ? vm["scenario-out"].as<std::string>() : default_scenario_out(h5);
  auto inputs = input_files(scenario);
  inputs.push_back(goal.path);
  for (const auto& v : goal.variables)
    for (const auto& o : v.options)
      inputs.insert(inputs.end(), o.overlays.begin(), o.overlays.end());
  check_output_is_not_input(h5, inputs);
  check_output_is_not_input(toml_out, inputs);
  if (fs::absolute(h5).lexically_normal() == fs::absolute(toml_out).lexically_normal())
    throw io::OutputError("--scenario-out " + toml_out + " is the HDF5 output file");
  io::ResultFile file(h5);  // fails now if the path is unwritable
  optimize::Evaluator ev(goal, base, scenario, options, quiet ? nullptr : &err);
  // Every bound must make a valid scenario: load the lowest and highest layouts before the search.
  {
    optimize::Layout low, high;
    for (const auto& v : goal.variables) low.push_back(v.min), high.push_back(v.max);
    for (const auto& layout : {low, high}) {
      const auto spec = optimize::layout_variant(goal, scenario, layout, "check");
      auto overlays = base.overlays;
      overlays.insert(overlays.end(), spec.overlays.begin(), spec.overlays.end());
      auto settings = base.settings;
      settings.insert(settings.end(), spec.settings.begin(), spec.settings.end());
      scenario::load_scenario(base.path, overlays, settings);
    }
  }
  const auto result = optimize::optimize(goal, ev, quiet ? nullptr : &err);
  std::string written;
  if (result.recommended) {
    const auto text =
        optimize::layout_scenario_text(goal, scenario, base.overlays, base.settings,
                                       ev.candidate(*result.recommended).layout, toml_out);
    io::write_whole_file(toml_out, text);  // a file at toml_out is always whole
    written = toml_out;
  }
  optimize::write_result(file, goal, ev, result, written);
  file.commit();
  if (!quiet) {
    out << optimize::advice(goal, ev, result, "en") << "\n"
        << optimize::advice(goal, ev, result, "vi") << "\n"
        << result.guarantee << "\n";
    if (!written.empty()) out << "wrote " << written << "\n";
    out << "wrote " << h5 << " (" << ev.candidates().size() << " layouts, " << ev.replications_run()
        << " replications)\n";
  }
  return result.recommended ? exit_ok : exit_infeasible;
}

}  // namespace sim::cli
