// The page's routes: the static files and the JSON API, one request in, one response out.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <boost/beast/http.hpp>

#include "sim/serve/model_gateway.hpp"
#include "sim/serve/run_queue.hpp"

namespace sim::serve {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

/// Everything a server is started with. Defaults are the safe ones (docs/serve.md).
struct ServerConfig {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  ///< 0: any free port (tests)
  std::string scenarios_dir;  ///< the project's scenarios/ folder
  std::string static_dir;     ///< sim/serve/static
  std::string chart_js = "/usr/share/javascript/chart.js/chart.min.js";
  std::size_t max_body = 1 << 20;  ///< bytes of one request body (a scenario is ~10 kB)
  std::size_t max_connections = 64;
  RunLimits run_limits;
  QueueLimits queue_limits;
  ReportCommand report;  ///< `motcua report`, injected by the CLI
};

/// The static files the page is made of, read once at start: URL path -> (type, bytes).
/// Only these are ever served; a client never names a file.
class StaticFiles {
 public:
  explicit StaticFiles(const ServerConfig& config);
  const std::pair<std::string, std::string>* find(const std::string& target) const;

 private:
  std::map<std::string, std::pair<std::string, std::string>> files_;
};

class Api {
 public:
  /// Reads the static files and the scenarios; makes a private work folder for run outputs.
  explicit Api(const ServerConfig& config);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  /// Answers one request. Never throws: bad input is a 4xx with a JSON message.
  Response handle(const Request& request);
  /// A response with the headers every answer carries (content security policy and others).
  static Response make(unsigned status, const std::string& type, std::string body,
                       unsigned version = 11);

 private:
  Response route(const Request& request);
  Response start_run(const Request& request);
  Response run_route(const Request& request, const std::string& id, const std::string& what);

  ServerConfig config_;
  StaticFiles files_;
  ModelGateway gateway_;
  std::filesystem::path work_dir_;
  RunQueue queue_;  ///< last: its workers stop before the gateway and work folder go
};

}  // namespace sim::serve
