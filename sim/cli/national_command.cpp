// `motcua run` on a national scenario: every center of the dataset, per province and national.
#include <chrono>
#include <cmath>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/count_option.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/cli/output_guard.hpp"
#include "sim/io/hdf5_writer.hpp"
#include "sim/run/cluster.hpp"
#include "sim/run/national_aggregate.hpp"
#include "sim/run/national_runner.hpp"
#include "sim/run/progress.hpp"
#include "sim/run/replication.hpp"
#include "sim/stats/confidence.hpp"

namespace sim::cli {

namespace po = boost::program_options;

int run_national_scenario(const po::variables_map& vm, const std::vector<std::string>& files,
                          std::ostream& out) {
  if (files.size() > 1)
    throw po::error("overlays are not supported on a national scenario (give them to its classes)");
  const auto n = scenario::load_national_scenario(files.front(), settings_of(vm));
  run::RunOptions options;
  options.replications = count_value(vm, national_replications_option).value_or(n.run.replications);
  options.seed = count_value(vm, seed_option).value_or(n.run.seed);
  options.threads = threads_value(vm);
  const bool quiet = vm.count("quiet") > 0;
  options.progress = !quiet && run::stderr_is_terminal();
  check_output_is_not_input(vm["output"].as<std::string>(), input_files(n));
  // Under mpirun only rank 0 writes; the other ranks end inside the run (cluster::WorkerDone).
  std::optional<io::ResultFile> file;
  if (run::cluster::is_root())
    file.emplace(vm["output"].as<std::string>());  // fails now if unwritable
  const auto start = std::chrono::steady_clock::now();
  const auto results = run::run_national(n, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run::write_national(*file, n, options, results);
  file->commit();
  if (quiet) return exit_ok;
  out << n.name << ": " << n.centers.size() << " centers x " << options.replications
      << " replication(s), " << std::fixed << std::setprecision(1) << seconds
      << " s of simulation on " << options.threads << " thread(s)\n";
  const auto& defs = run::aggregate_defs();
  std::vector<std::vector<double>> columns(defs.size());
  for (std::size_t r = 0; r < options.replications; ++r) {
    std::vector<const std::vector<double>*> all;
    for (std::size_t c = 0; c < results.centers; ++c) all.push_back(&results.row(r, c));
    const auto row = run::aggregate(run::summary_metrics(scenario::ScenarioForm::center), all);
    for (std::size_t m = 0; m < row.size(); ++m) columns[m].push_back(row[m]);
  }
  out << std::left << std::setw(24) << "national metric" << std::right << std::setw(18) << "mean"
      << std::setw(16) << "95% half-width"
      << "  unit\n";
  for (std::size_t m = 0; m < defs.size(); ++m) {
    const auto ci = stats::confidence_interval(columns[m]);
    std::ostringstream half;
    if (std::isnan(ci.half_width)) {
      half << "-";
    } else {
      half << std::setprecision(4) << ci.half_width;
    }
    out << std::left << std::setw(24) << defs[m].metric.name << std::right << std::setprecision(4)
        << std::setw(18) << ci.mean << std::setw(16) << half.str() << "  " << defs[m].metric.unit
        << "\n";
  }
  if (options.replications < 2)
    out << "no interval: one replication has no spread to measure (run --replications 2 or "
           "more)\n";
  out << "wrote " << vm["output"].as<std::string>() << "\n";
  return exit_ok;
}

}  // namespace sim::cli
