// `motcua run`: simulate a scenario and write results to HDF5.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
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
#include "sim/io/output_error.hpp"
#include "sim/run/cluster.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/run/progress.hpp"
#include "sim/run/replication.hpp"
#include "sim/run/result_writer.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/stats/confidence.hpp"
#include "sim/stats/trace_writer.hpp"
#include "sim/version.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;

void print_summary(std::ostream& out, const scenario::Scenario& s,
                   const std::vector<stats::ReplicationResult>& results) {
  std::vector<stats::ReplicationRow> rows;
  for (const auto& r : results) rows.push_back(r.summary);
  const auto& metrics = run::summary_metrics(s.form);
  // The back-office and system lines exist only in the center form's metrics.
  static const std::vector<std::string> shown = {"arrived",
                                                 "served",
                                                 "reneged",
                                                 "balked",
                                                 "sent_home",
                                                 "returned",
                                                 "turned_away",
                                                 "helped",
                                                 "service_level",
                                                 "unserved_share",
                                                 "wait_mean",
                                                 "wait_p90",
                                                 "wait_max",
                                                 "queue_length_mean",
                                                 "utilization",
                                                 "overtime",
                                                 "overtime_max",
                                                 "last_service_end_mean",
                                                 "dossiers_completed",
                                                 "on_time_rate",
                                                 "backlog_mean",
                                                 "system_down"};
  out << s.name << ": " << rows.size() << " replication(s)\n";
  out << std::left << std::setw(20) << "metric" << std::right << std::setw(14) << "mean"
      << std::setw(26) << "95% CI"
      << "  unit\n";
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    if (std::find(shown.begin(), shown.end(), metrics[m].name) == shown.end()) continue;
    std::vector<double> column;
    for (const auto& row : rows) column.push_back(row.values[m]);
    const auto ci = stats::confidence_interval(column);
    std::ostringstream interval;
    interval << std::fixed << std::setprecision(3);
    if (std::isnan(ci.half_width)) {
      interval << "-";
    } else {
      interval << "[" << ci.low() << ", " << ci.high() << "]";
    }
    out << std::left << std::setw(20) << metrics[m].name << std::right << std::fixed
        << std::setprecision(3) << std::setw(14) << ci.mean << std::setw(26) << interval.str()
        << "  " << metrics[m].unit << "\n";
  }
  if (rows.size() < 2)
    out << "no interval: one replication has no spread to measure (run --replications 2 or "
           "more)\n";
}

/// The per-visit trace file, written under a temporary name and renamed when complete, so an
/// interrupted run never leaves a trace that looks whole. Opened before the run: a bad path
/// fails at once.
class TraceFile {
 public:
  explicit TraceFile(std::string path) : path_(std::move(path)), part_(path_ + ".part") {
    out_.open(part_, std::ios::binary | std::ios::trunc);
    if (!out_) throw io::OutputError("cannot write the trace file " + part_);
  }
  TraceFile(const TraceFile&) = delete;
  TraceFile& operator=(const TraceFile&) = delete;
  ~TraceFile() {
    if (!committed_) std::remove(part_.c_str());
  }
  void write(const scenario::Scenario& s, const std::vector<stats::ReplicationResult>& rows) {
    const auto labels = stats::TraceLabels::of(s.center);
    stats::write_trace_header(out_);
    for (std::size_t r = 0; r < rows.size(); ++r)
      stats::write_trace_rows(out_, r, rows[r].trace, labels);
    out_.close();
    if (!out_ || std::rename(part_.c_str(), path_.c_str()) != 0)
      throw io::OutputError("cannot write the trace file " + path_);
    committed_ = true;
  }

 private:
  std::string path_;
  std::string part_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace

int run_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua run SCENARIO [OVERLAY...] -o OUT.h5 [options]\n"
      "  OVERLAY: policy overlay files (scenarios/policies/), merged into SCENARIO in order");
  visible.add_options()("help,h", "show this help")(
      "output,o", po::value<std::string>(),
      "HDF5 file to write (required; never one of the input files)");
  add_count_option(visible, "replications,r", replications_option,
                   "number of replications (default: scenario's run.replications; a national "
                   "scenario takes at most " +
                       std::to_string(national_replications_option.max) + ")");
  add_count_option(visible, "seed,s", seed_option, "root seed (default: scenario's run.seed)");
  add_count_option(visible, "threads,t", threads_option,
                   "worker threads (default: the machine's); results do not depend on it");
  visible.add_options()(
      "set", po::value<std::vector<std::string>>(),
      "KEY.PATH=VALUE after the overlays, e.g. run.days=26 (repeatable; VALUE in TOML: 3, 0.9, "
      "\"kiosk\")")("quiet,q", "no progress bar and no summary")(
      "trace", po::value<std::string>(),
      "also write one CSV row per visit to this file (docs/output-schema.md#per-visit-trace); "
      "off by default");
  const auto vm = parse_arguments(args, visible, "scenario");
  if (printed_help(vm, visible, out)) return exit_ok;
  if (!vm.count("scenario")) throw po::error("no scenario file given");
  if (!vm.count("output")) throw po::error("no output file given (-o OUT.h5)");
  const bool quiet = vm.count("quiet") > 0;

  const auto files = vm["scenario"].as<std::vector<std::string>>();
  if (scenario::is_national_scenario(files.front())) return run_national_scenario(vm, files, out);
  const scenario::Scenario s = scenario::load_scenario(
      files.front(), std::vector<std::string>(files.begin() + 1, files.end()), settings_of(vm));
  run::RunOptions options;
  options.replications = count_value(vm, replications_option).value_or(s.run.replications);
  options.seed = count_value(vm, seed_option).value_or(s.run.seed);
  options.threads = threads_value(vm);
  options.progress = !quiet && run::stderr_is_terminal();
  check_output_is_not_input(vm["output"].as<std::string>(), input_files(s));

  RankOutput output(vm["output"].as<std::string>(), options);
  auto& file = output.file;
  std::optional<TraceFile> trace;
  if (vm.count("trace") && run::cluster::ranks() > 1)
    throw po::error("--trace is not available under mpirun (run the traced study in one process)");
  if (vm.count("trace")) trace.emplace(vm["trace"].as<std::string>());
  options.trace = trace.has_value();
  const auto rows = run::run_replications(s, options);
  run::write_results(*file, s, options, rows);
  if (trace) trace->write(s, rows);
  file->commit();
  if (!quiet) {
    print_summary(out, s, rows);
    out << "wrote " << vm["output"].as<std::string>() << "\n";
  }
  (void)err;
  return exit_ok;
}

}  // namespace sim::cli
