// `motcua serve`: the page for ward leaders (sim/serve), on loopback unless told otherwise.
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/serve/http_server.hpp"

namespace sim::cli {
namespace {

namespace po = boost::program_options;

/// A folder from the environment if set, else the source tree's (baked in at configure time).
std::string folder(const char* env, const char* built_in) {
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? value : built_in;
}

}  // namespace

int serve_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  serve::ServerConfig config;
  po::options_description visible(
      "usage: motcua serve [--port 8080] [--bind 127.0.0.1]\n\n"
      "Serves the page for ward leaders: pick a ward, edit its counters, staff, hours and\n"
      "policies, run it against the current layout (docs/serve.md). Binds loopback by default;\n"
      "--bind 0.0.0.0 makes it reachable from the network (no login: only on a trusted one).\n\n"
      "options");
  visible.add_options()("port,p", po::value<unsigned>()->default_value(8080),
                        "TCP port (0: any free port, printed)")(
      "bind", po::value<std::string>()->default_value("127.0.0.1"), "address to listen on")(
      "workers", po::value<unsigned>()->default_value(1),
      "runs at the same time (others wait in a queue)")(
      "max-waiting", po::value<unsigned>()->default_value(8), "runs allowed to wait")(
      "scenarios", po::value<std::string>(),
      "the scenarios folder (default: $MOTCUA_SCENARIOS_DIR or the source tree's)")(
      "help,h", "show this help");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(visible).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    out << visible << "\n";
    return exit_ok;
  }
  const unsigned port = vm["port"].as<unsigned>();
  if (port > 65535) throw po::error("--port must be between 0 and 65535");
  const unsigned workers = vm["workers"].as<unsigned>();
  if (workers < 1 || workers > 16) throw po::error("--workers must be between 1 and 16");
  config.port = static_cast<std::uint16_t>(port);
  config.bind = vm["bind"].as<std::string>();
  config.scenarios_dir = vm.count("scenarios")
                             ? vm["scenarios"].as<std::string>()
                             : folder("MOTCUA_SCENARIOS_DIR", MOTCUA_SCENARIOS_DIR);
  config.static_dir = folder("MOTCUA_SERVE_STATIC_DIR", MOTCUA_SERVE_STATIC_DIR);
  config.queue_limits.workers = workers;
  config.queue_limits.max_waiting = vm["max-waiting"].as<unsigned>();
  config.report = report_command;
  if (!std::filesystem::is_directory(config.scenarios_dir)) {
    err << "motcua serve: no scenarios folder at " << config.scenarios_dir << "\n";
    return exit_bad_input;
  }
  serve::HttpServer server(config);
  const std::string host =
      config.bind.find(':') != std::string::npos ? "[" + config.bind + "]" : config.bind;
  out << "motcua serve: open http://" << (config.bind == "0.0.0.0" ? "127.0.0.1" : host) << ":"
      << server.port() << "/ in a browser (Ctrl+C stops the server)" << std::endl;
  server.run_until_signal();
  out << "motcua serve: stopped" << std::endl;
  return exit_ok;
}

}  // namespace sim::cli
