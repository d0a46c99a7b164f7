// `motcua regress`: reruns the committed regression cases and compares them with their
// reference outputs (docs/regression.md).
#include <algorithm>
#include <filesystem>
#include <ostream>
#include <thread>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/output_guard.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/whole_file.hpp"
#include "sim/run/drift_export.hpp"
#include "sim/run/drift_report.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/run/reference_outputs.hpp"
#include "sim/run/regression_manifest.hpp"
#include "sim/scenario/input_error.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using scenario::InputError;
using scenario::Problem;

/// The cases named with --case, in manifest order; all of them when none is named.
std::vector<const run::RegressionCase*> select_cases(const run::RegressionManifest& manifest,
                                                     const std::vector<std::string>& names,
                                                     std::vector<Problem>& problems) {
  std::vector<const run::RegressionCase*> chosen;
  for (const auto& name : names) {
    if (manifest.find(name)) continue;
    std::string known;
    for (const auto& c : manifest.cases) known += (known.empty() ? "" : ", ") + c.name;
    problems.push_back(
        Problem{manifest.path, 0, "", "no case named '" + name + "' (cases: " + known + ")"});
  }
  for (const auto& c : manifest.cases) {
    if (names.empty() || std::find(names.begin(), names.end(), c.name) != names.end())
      chosen.push_back(&c);
  }
  return chosen;
}

}  // namespace

int regress_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua regress [options]: rerun the regression cases of a manifest and compare them with\n"
      "their reference outputs (docs/regression.md). Exit 0 when they match, 1 on drift,\n"
      "2 on bad input");
  visible.add_options()("help,h", "show this help")(
      "manifest,m", po::value<std::string>()->default_value("scenarios/reference/manifest.toml"),
      "manifest file; scenario paths in it are relative to its folder")(
      "references", po::value<std::string>(),
      "folder of the reference files (default: the manifest's folder)")(
      "case,c", po::value<std::vector<std::string>>(), "run only this case (repeatable)")(
      "mode", po::value<std::string>()->default_value("exact"),
      "exact: every value bit-identical; statistical: means within standard errors")(
      "accept", "rewrite the reference files from this run instead of comparing")(
      "junit", po::value<std::string>(),
      "also write the outcome as JUnit XML to this file (one test per case; drift = failure)")(
      "json", po::value<std::string>(), "also write the outcome as JSON to this file");
  add_count_option(visible, "threads,t", threads_option,
                   "worker threads (default: the machine's); results do not depend on it");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(visible).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << visible << "\n";
    return exit_ok;
  }
  const std::string mode_name = vm["mode"].as<std::string>();
  if (mode_name != "exact" && mode_name != "statistical") {
    throw po::error("--mode must be exact or statistical, got '" + mode_name + "'");
  }
  const auto mode = mode_name == "exact" ? run::RegressMode::exact : run::RegressMode::statistical;
  const bool accept = vm.count("accept") > 0;
  const unsigned threads = threads_value(vm);

  const auto manifest = run::load_manifest(vm["manifest"].as<std::string>());
  const std::string folder =
      vm.count("references") ? vm["references"].as<std::string>() : manifest.folder;
  const auto names =
      vm.count("case") ? vm["case"].as<std::vector<std::string>>() : std::vector<std::string>{};

  // Every scenario and reference is read before anything runs, and all their problems are
  // reported together.
  std::vector<Problem> problems;
  const auto cases = select_cases(manifest, names, problems);
  std::vector<scenario::Scenario> scenarios;
  std::vector<run::ReferenceOutputs> references;
  for (const auto* c : cases) {
    try {
      scenarios.push_back(run::load_case_scenario(*c));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
    if (accept) continue;
    try {
      references.push_back(run::read_reference(run::reference_path(folder, *c), c->name));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  // The JUnit and JSON files may not overwrite anything this command reads.
  std::vector<std::string> inputs{vm["manifest"].as<std::string>()};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto files = input_files(scenarios[i]);
    inputs.insert(inputs.end(), files.begin(), files.end());
    inputs.push_back(run::reference_path(folder, *cases[i]));
  }
  for (const char* option : {"junit", "json"})
    if (vm.count(option)) check_output_is_not_input(vm[option].as<std::string>(), inputs);

  if (accept) {
    std::error_code ec;
    fs::create_directories(folder.empty() ? "." : folder, ec);
    if (ec) throw io::OutputError("cannot create reference folder " + folder + ": " + ec.message());
  }
  run::DriftReport report(mode);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto options = run::case_run_options(*cases[i], scenarios[i], threads);
    const auto results = run::run_replications(scenarios[i], options);
    auto current = run::make_reference(*cases[i], scenarios[i], options, results);
    if (accept) {
      const auto path = run::reference_path(folder, *cases[i]);
      const bool differs = run::write_reference(path, current);
      changed += differs ? 1 : 0;
      out << (differs ? "wrote     " : "unchanged ") << path << "\n";
    } else {
      report.add_case(std::move(references[i]), std::move(current));
    }
  }
  if (accept) {
    out << "regress --accept: " << cases.size() << " reference file(s), " << changed
        << " changed; review them with `git diff` and commit them\n";
    return exit_ok;
  }
  report.print(out);
  // Written whole or not at all, after the comparison: a CI system never reads half a file.
  if (vm.count("junit"))
    io::write_whole_file(vm["junit"].as<std::string>(), run::drift_junit_xml(report));
  if (vm.count("json")) io::write_whole_file(vm["json"].as<std::string>(), run::drift_json(report));
  (void)err;
  return report.passed() ? exit_ok : exit_compare_failed;
}

}  // namespace sim::cli
