// `motcua fit`: a ward's scenario fitted from its ticket-machine log (or a motcua trace).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/fit/fit_json.hpp"
#include "sim/fit/scenario_writer.hpp"
#include "sim/fit/ticket_log.hpp"
#include "sim/fit/ward_fit.hpp"
#include "sim/io/output_error.hpp"
#include "sim/io/whole_file.hpp"
#include "sim/scenario/catalogue_loader.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

std::vector<model::DomainParams> catalogue_domains(const std::string& path) {
  std::vector<model::DomainParams> domains;
  std::vector<model::ProcedureParams> procedures;
  std::vector<scenario::Problem> problems;
  scenario::read_catalogue(path, domains, procedures, problems);
  if (!problems.empty()) throw scenario::InputError(problems);
  return domains;
}

void print_summary(std::ostream& out, const fit::WardFit& f) {
  std::size_t dropped = 0;
  for (const auto& [why, n] : f.dropped) dropped += n;
  out << f.log_path << ": " << f.rows << " rows, " << f.kept << " tickets kept, " << dropped
      << " dropped; " << f.open_days << " open days from " << fit::vn_date(f.first_day) << " to "
      << fit::vn_date(f.last_day) << "\n";
  out << "  tickets per open weekday " << f.daily_visits.value << " [" << f.daily_visits.low << ", "
      << f.daily_visits.high << "]\n";
  for (const auto& d : f.domains) {
    out << "  " << f.domain_ids[d.domain] << ": " << d.tickets << " tickets, service ";
    if (d.service) {
      const auto& best = d.service->fits[d.service->best];
      out << fit::family_name(best.family) << " (mean " << best.mean() << " min, KS D " << best.ks
          << ")\n";
    } else {
      out << "too few served tickets to fit\n";
    }
  }
  if (f.patience.mean)
    out << "  patience: exponential mean " << f.patience.mean->value << " min ["
        << f.patience.mean->low << ", " << f.patience.mean->high << "], " << f.patience.reneged
        << " gave up\n";
  out << "  " << f.counters.size() << " counters, " << f.officers.size() << " officers seen\n";
}

}  // namespace

int fit_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua fit LOG.csv -o WARD.toml [options]\n"
      "  Fits a scenario from a ticket-machine export (or a `motcua run --trace` file): arrivals\n"
      "  by hour and weekday, service time per domain, patience, hours, counters and staff.\n"
      "  Writes WARD.toml, WARD.catalogue.toml and WARD.fit.json (see docs/fit.md).\n"
      "  Exit codes: 0 ok, 2 bad log or option (file, line and column named), 3 internal error");
  visible.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "scenario file to write (required)")(
      "catalogue", po::value<std::string>(),
      "catalogue whose domain ids or names the log's services are (default: "
      "scenarios/catalogue/commune.toml)")(
      "column", po::value<std::vector<std::string>>(),
      "NAME=HEADER: the log's header for a standard column, e.g. ticket=IssuedAt (repeatable)")(
      "name", po::value<std::string>(), "scenario name (default: 'Fitted from LOG')")(
      "report", po::value<std::string>(),
      "also write the fit report (DIR/index.html) with analysis/fit_report.py")(
      "quiet,q", "print nothing on success");
  const auto vm = parse_arguments(args, visible, "log");
  if (printed_help(vm, visible, out)) return exit_ok;
  if (!vm.count("log")) throw po::error("no log file given");
  if (vm["log"].as<std::vector<std::string>>().size() > 1) throw po::error("one log at a time");
  if (!vm.count("output")) throw po::error("no output file given (-o WARD.toml)");
  const std::string log_path = vm["log"].as<std::vector<std::string>>().front();
  fit::ColumnMap columns;
  if (vm.count("column")) {
    for (const auto& c : vm["column"].as<std::vector<std::string>>()) {
      try {
        columns.add(c);
      } catch (const std::invalid_argument& e) {
        throw po::error(e.what());
      }
    }
  }
  const std::string catalogue = vm.count("catalogue")
                                    ? vm["catalogue"].as<std::string>()
                                    : std::string(MOTCUA_SCENARIOS_DIR) + "/catalogue/commune.toml";

  const auto log = fit::read_ticket_log(log_path, columns, catalogue_domains(catalogue));
  const auto fitted = fit::fit_ward(log);
  const fs::path scenario_path = vm["output"].as<std::string>();
  const fs::path stem = scenario_path.parent_path() / scenario_path.stem();
  const fs::path catalogue_path = stem.string() + ".catalogue.toml";
  const fs::path json_path = stem.string() + ".fit.json";
  const std::string name = vm.count("name")
                               ? vm["name"].as<std::string>()
                               : "Fitted from " + fs::path(log_path).filename().string();
  const auto files = fit::write_fitted_scenario(fitted, name, catalogue_path.filename().string());
  io::write_whole_file(catalogue_path, files.catalogue);
  io::write_whole_file(scenario_path, files.scenario);
  io::write_whole_file(json_path, fit::fit_json(fitted, scenario_path.string()));
  // What is written must run: a scenario the loader rejects is a bug of the fit, not bad input.
  try {
    scenario::load_scenario(scenario_path.string());
  } catch (const scenario::InputError& e) {
    err << "motcua fit: internal error: the fitted scenario does not load:\n" << e.what() << "\n";
    return exit_internal;
  }
  const bool quiet = vm.count("quiet") > 0;
  if (!quiet) {
    print_summary(out, fitted);
    out << "wrote " << scenario_path.string() << ", " << catalogue_path.string() << ", "
        << json_path.string() << "\n";
  }
  if (vm.count("report")) {
    return run_analysis_script(
        "fit_report.py", {json_path.string(), "-o", vm["report"].as<std::string>()}, out, err);
  }
  return exit_ok;
}

}  // namespace sim::cli
