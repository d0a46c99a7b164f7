// `motcua compare` and `motcua sweep`: variants on common random numbers, paired differences.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/output_guard.hpp"
#include "sim/cli/rank_output.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/run/cluster.hpp"
#include "sim/run/experiment.hpp"
#include "sim/run/progress.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/toml_reader.hpp"
#include "sim/stats/verdict.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;

/// The metrics printed by default, in this order after the verdict metrics (which always lead);
/// every summary metric is in the file.
const std::vector<std::string> default_metrics = {
    "service_level", "unserved_share", "helped",    "served",   "turned_away", "wait_mean",
    "wait_p90",      "reneged",        "sent_home", "answered", "overtime",    "on_time_rate"};

/// Whether a variant file is a whole scenario ([scenario] table) rather than an overlay.
bool is_full_scenario(const std::string& path) {
  std::vector<scenario::Problem> ignored;  // missing or malformed: loading it reports why
  const auto root = scenario::parse_toml_file(path, ignored);
  return root && root->contains("scenario");
}

/// Waits are over the citizens who were served: the label says so.
std::string label(const std::string& metric) {
  if (metric == "wait_mean") return "wait of those served (mean)";
  if (metric == "wait_p90") return "wait of those served (p90)";
  return metric;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(text);
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void add_common_options(po::options_description& d) {
  d.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "HDF5 file to write (required; never one of the input files)");
  add_count_option(d, "replications,r", compare_replications_option,
                   "replications per variant (default: the scenario's)");
  add_count_option(d, "seed,s", seed_option,
                   "root seed, shared by every variant (default: the scenario's)");
  add_count_option(d, "threads,t", threads_option,
                   "worker threads (default: the machine's); results do not depend on it");
  d.add_options()("set", po::value<std::vector<std::string>>(),
                  "KEY.PATH=VALUE for every variant, e.g. run.days=26 (repeatable)")(
      "metrics,m", po::value<std::string>(),
      "comma-separated metrics to print (default: service_level,unserved_share,helped,served,"
      "turned_away,wait_mean,wait_p90,reneged,sent_home,answered,overtime,on_time_rate)")(
      "quiet,q", "no progress bar and no table");
}

po::variables_map parse(const std::vector<std::string>& args,
                        const po::options_description& visible) {
  return parse_arguments(args, visible, "scenario");
}

std::string interval(double low, double high) {
  if (std::isnan(low) || std::isnan(high)) return "-";
  std::ostringstream text;
  text << std::setprecision(4) << "[" << low << ", " << high << "]";
  return text.str();
}

std::string shares(const stats::MetricComparison& c) {
  if (std::isnan(c.better_share)) return "";
  std::ostringstream text;
  text << std::fixed << std::setprecision(0) << 100 * c.better_share << "/" << 100 * c.equal_share
       << "/" << 100 * c.worse_share;
  return text.str();
}

void print_comparison(std::ostream& out, const run::Experiment& e,
                      const std::vector<std::string>& shown) {
  out << std::left << std::setw(18) << "variant" << std::setw(30) << "metric" << std::right
      << std::setw(11) << "base" << std::setw(11) << "variant" << std::setw(11) << "diff"
      << std::setw(25) << "paired 95% CI" << std::setw(25) << "unpaired 95% CI" << std::setw(7)
      << "width" << std::setw(16) << "better/=/worse"
      << "\n";
  for (std::size_t v = 1; v < e.variants.size(); ++v) {
    const auto comparisons = run::compare_with_base(e, v);
    const auto unserved = std::find_if(comparisons.begin(), comparisons.end(),
                                       [](const auto& c) { return c.metric == "unserved_share"; });
    const bool unserved_differs = unserved != comparisons.end() && unserved->significant();
    for (const auto& c : comparisons) {
      if (std::find(shown.begin(), shown.end(), c.metric) == shown.end()) continue;
      std::ostringstream width;
      const double ratio = c.paired.half_width / c.unpaired.half_width;
      if (!std::isnan(ratio)) width << std::fixed << std::setprecision(2) << ratio;
      out << std::left << std::setw(18) << e.variants[v].spec.name << std::setw(30)
          << label(c.metric) << std::right << std::setprecision(4) << std::setw(11) << c.base_mean
          << std::setw(11) << c.variant_mean << std::setw(11) << c.paired.mean << std::setw(25)
          << interval(c.paired.low(), c.paired.high()) << std::setw(25)
          << interval(c.unpaired.low(), c.unpaired.high()) << std::setw(7) << width.str()
          << std::setw(16) << shares(c);
      if (c.metric.rfind("wait_", 0) == 0 && unserved_differs)
        out << "  ! unserved_share differs significantly";
      out << "\n";
    }
  }
  out << "diff = variant - base, paired by replication (common random numbers); width = paired / "
         "unpaired interval width; better/=/worse = % of replications where the variant is "
         "better, equal, worse\n";
  for (std::size_t v = 1; v < e.variants.size(); ++v) {
    out << "\n" << e.variants[v].spec.name << " against " << e.variants.front().spec.name << ":\n";
    for (const auto& sentence : stats::verdict_sentences(run::compare_with_base(e, v)))
      out << "  " << sentence << "\n";
  }
}

/// Runs, writes and prints an experiment once its variants are known.
int finish(const po::variables_map& vm, const std::string& kind, const std::string& sweep_key,
           const std::vector<std::string>& files, const std::vector<run::VariantSpec>& variants,
           std::ostream& out) {
  if (!vm.count("output")) throw po::error("no output file given (-o OUT.h5)");
  const bool quiet = vm.count("quiet") > 0;
  const std::vector<std::string> base_overlays(files.begin() + 1, files.end());
  const auto base_settings = settings_of(vm);
  run::RunOptions options;
  options.threads = threads_value(vm);
  options.progress = !quiet && run::stderr_is_terminal();
  // The scenario's own replications and seed unless given: those of the base variant.
  std::vector<std::string> inputs;
  {
    auto settings = base_settings;
    settings.insert(settings.end(), variants.front().settings.begin(),
                    variants.front().settings.end());
    const auto base = scenario::load_scenario(files.front(), base_overlays, settings);
    options.replications = base.run.replications;
    options.seed = base.run.seed;
    inputs = input_files(base);
    for (const auto& v : variants)
      inputs.insert(inputs.end(), v.overlays.begin(), v.overlays.end());
  }
  options.replications =
      count_value(vm, compare_replications_option).value_or(options.replications);
  options.seed = count_value(vm, seed_option).value_or(options.seed);
  if (options.replications < 2)
    throw po::error("--replications must be at least 2 for a comparison");
  check_output_is_not_input(vm["output"].as<std::string>(), inputs);
  RankOutput output(vm["output"].as<std::string>(), options);
  auto& file = output.file;
  auto e =
      run::run_experiment(kind, files.front(), base_overlays, base_settings, variants, options);
  e.sweep_key = sweep_key;
  run::write_experiment(*file, e, options);
  file->commit();
  if (!quiet) {
    const auto shown =
        vm.count("metrics") ? split(vm["metrics"].as<std::string>(), ',') : default_metrics;
    out << e.variants.front().scenario.name << ": " << e.variants.size() << " variants x "
        << options.replications << " replications, base '" << e.variants.front().spec.name << "'\n";
    print_comparison(out, e, shown);
    out << "wrote " << vm["output"].as<std::string>() << "\n";
  }
  return exit_ok;
}

}  // namespace

int compare_command(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description visible(
      "motcua compare SCENARIO [OVERLAY...] --variant NAME=FILE[,FILE...]... -o OUT.h5 [options]\n"
      "  Runs the base (SCENARIO with its OVERLAYs, named 'base') and each variant (the base plus\n"
      "  the variant's overlay files, or another full scenario with the same demand) on the same\n"
      "  random numbers, and reports paired differences, leading with service level and the\n"
      "  share of people who went home unserved");
  visible.add_options()("variant,V", po::value<std::vector<std::string>>(),
                        "a variant: NAME=overlay.toml[,more.toml], or NAME=scenario.toml[,overlay] "
                        "(a whole scenario with the base's demand) (repeatable)");
  add_common_options(visible);
  const auto vm = parse(args, visible);
  if (vm.count("help")) {
    out << visible << "\n";
    return exit_ok;
  }
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  if (!vm.count("variant")) throw po::error("give at least one --variant NAME=OVERLAY");
  std::vector<run::VariantSpec> variants{{"base", {}, {}, ""}};
  for (const auto& text : vm["variant"].as<std::vector<std::string>>()) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
      throw po::error("--variant '" + text + "': expected NAME=overlay.toml[,more.toml]");
    auto files = split(text.substr(eq + 1), ',');
    run::VariantSpec spec{text.substr(0, eq), files, {}, ""};
    if (!files.empty() && is_full_scenario(files.front())) {
      // A whole scenario (a copied and edited template): it replaces the base's file and
      // overlays, and must keep the base's demand.
      spec.scenario = files.front();
      spec.overlays.erase(spec.overlays.begin());
    }
    variants.push_back(std::move(spec));
  }
  return finish(vm, "compare", "", vm["scenario"].as<std::vector<std::string>>(), variants, out);
}

int sweep_command(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description visible(
      "motcua sweep SCENARIO [OVERLAY...] --key KEY.PATH --values V1,V2,... -o OUT.h5 [options]\n"
      "  Runs the scenario once per value of one key (TOML values, e.g. 0.7,0.9 or '\"kiosk\"'),\n"
      "  all on the same random numbers; each point is compared with the first value");
  visible.add_options()("key,k", po::value<std::string>(),
                        "dotted key to vary, e.g. policies.robot.accuracy")(
      "values,v", po::value<std::string>(), "comma-separated TOML values, e.g. 0.7,0.8,0.9,0.99");
  add_common_options(visible);
  const auto vm = parse(args, visible);
  if (vm.count("help")) {
    out << visible << "\n";
    return exit_ok;
  }
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  if (!vm.count("key") || !vm.count("values"))
    throw po::error("give --key KEY.PATH and --values V1,V2,...");
  const auto key = vm["key"].as<std::string>();
  const auto values = split(vm["values"].as<std::string>(), ',');
  if (values.size() < 2) throw po::error("--values needs at least two values");
  std::vector<run::VariantSpec> variants;
  for (const auto& v : values) variants.push_back({key + "=" + v, {}, {key + " = " + v}, ""});
  return finish(vm, "sweep", key, vm["scenario"].as<std::vector<std::string>>(), variants, out);
}

}  // namespace sim::cli
