// The page's routes: the static files and the JSON API, one request in, one response out.
#include "sim/serve/api.hpp"

#include <unistd.h>
#include <cctype>
#include <fstream>
#include <regex>
#include <sstream>

namespace sim::serve {

namespace fs = std::filesystem;
namespace http = boost::beast::http;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void remove_folder(const fs::path& dir) {
  std::error_code ignored;
  fs::remove_all(dir, ignored);
}

Response json_response(unsigned status, const Json& body, unsigned version) {
  return Api::make(status, "application/json; charset=utf-8", body.dump(), version);
}

Response error(unsigned status, const std::string& message, unsigned version) {
  return json_response(status, Json{{"problems", Json::array({{{"text", message}}})}}, version);
}

/// Splits "/a/b?x=1&y=2" into the path and its decoded query parameters.
std::pair<std::string, std::map<std::string, std::string>> split_target(const std::string& t) {
  std::map<std::string, std::string> params;
  const auto q = t.find('?');
  if (q == std::string::npos) return {t, params};
  std::istringstream query(t.substr(q + 1));
  std::string pair;
  while (std::getline(query, pair, '&')) {
    const auto eq = pair.find('=');
    const auto decode = [](std::string s) {
      std::string out;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() &&
            std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
          out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += s[i] == '+' ? ' ' : s[i];
        }
      }
      return out;
    };
    if (eq != std::string::npos) params[decode(pair.substr(0, eq))] = decode(pair.substr(eq + 1));
  }
  return {t.substr(0, q), params};
}

Origin origin_of(const Json& body) {
  const auto& o = body.at("origin");
  return Origin{o.at("kind").get<std::string>(), o.at("id").get<std::string>()};
}

}  // namespace

StaticFiles::StaticFiles(const ServerConfig& config) {
  const fs::path dir = config.static_dir;
  files_["/"] = {"text/html; charset=utf-8", read_file(dir / "index.html")};
  files_["/static/app.js"] = {"text/javascript; charset=utf-8", read_file(dir / "app.js")};
  files_["/static/form.js"] = {"text/javascript; charset=utf-8", read_file(dir / "form.js")};
  files_["/static/results.js"] = {"text/javascript; charset=utf-8", read_file(dir / "results.js")};
  files_["/static/i18n.js"] = {"text/javascript; charset=utf-8", read_file(dir / "i18n.js")};
  files_["/static/app.css"] = {"text/css; charset=utf-8", read_file(dir / "app.css")};
  files_["/static/chart.min.js"] = {"text/javascript; charset=utf-8", read_file(config.chart_js)};
}

const std::pair<std::string, std::string>* StaticFiles::find(const std::string& target) const {
  const auto it = files_.find(target);
  return it == files_.end() ? nullptr : &it->second;
}

Api::Api(const ServerConfig& config)
    : config_(config),
      files_(config),
      gateway_(config.scenarios_dir, config.run_limits),
      work_dir_(fs::temp_directory_path() /
                ("motcua-serve-" + std::to_string(::getpid()) + "-" +
                 std::to_string(reinterpret_cast<std::uintptr_t>(this)))),
      queue_(config.queue_limits) {
  fs::create_directories(work_dir_);
}

Api::~Api() { remove_folder(work_dir_); }

Response Api::make(unsigned status, const std::string& type, std::string body, unsigned version) {
  Response res{static_cast<http::status>(status), version};
  res.set(http::field::server, "motcua");
  res.set(http::field::content_type, type);
  // The page loads only its own files; nothing inline, nothing from elsewhere.
  res.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Referrer-Policy", "no-referrer");
  res.set(http::field::cache_control, "no-store");
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

Response Api::handle(const Request& request) {
  try {
    auto res = route(request);
    res.keep_alive(request.keep_alive());
    return res;
  } catch (const Json::exception& e) {
    return error(400, std::string("bad JSON request: ") + e.what(), request.version());
  } catch (const std::exception& e) {
    return error(500, std::string("internal error: ") + e.what(), request.version());
  }
}

Response Api::route(const Request& req) {
  const auto [path, params] = split_target(std::string(req.target()));
  const unsigned v = req.version();
  const bool get = req.method() == http::verb::get, post = req.method() == http::verb::post;
  if (get) {
    if (const auto* file = files_.find(path)) return make(200, file->first, file->second, v);
    if (path == "/api/templates") return json_response(200, gateway_.templates(), v);
    if (path == "/api/units") return json_response(200, gateway_.units(), v);
    if (path == "/api/policies") return json_response(200, gateway_.policies(), v);
    if (path == "/api/metrics") return json_response(200, gateway_.metrics(), v);
    if (path == "/api/limits") {
      const auto& l = gateway_.limits();
      return json_response(200,
                           Json{{"max_replications", l.max_replications},
                                {"max_days", l.max_days},
                                {"max_daily_visits", l.max_daily_visits},
                                {"max_body", config_.max_body},
                                {"queue", queue_.overview()}},
                           v);
    }
    if (path == "/api/scenario") {
      const auto kind = params.count("kind") ? params.at("kind") : "";
      const auto id = params.count("id") ? params.at("id") : "";
      if (auto s = gateway_.scenario({kind, id})) return json_response(200, *s, v);
      return error(404, "no such ward, commune or template", v);
    }
  }
  if (post && path == "/api/check") {
    const auto body = Json::parse(req.body());
    return json_response(200, gateway_.check(origin_of(body), body.at("scenario")), v);
  }
  if (post && path == "/api/upload") return json_response(200, gateway_.upload(req.body()), v);
  if (post && path == "/api/toml") {
    const auto body = Json::parse(req.body());
    const auto checked = gateway_.check(origin_of(body), body.at("scenario"));
    if (!checked.at("ok").get<bool>()) return json_response(400, checked, v);
    auto res = make(200, "application/toml; charset=utf-8", checked.at("toml"), v);
    res.set(http::field::content_disposition,
            "attachment; filename=\"" + checked.at("filename").get<std::string>() + "\"");
    return res;
  }
  if (post && path == "/api/runs") return start_run(req);
  static const std::regex run_path(R"(^/api/runs/([0-9a-f]{20})(/[a-z0-9.]+)?$)");
  std::smatch m;
  if (std::regex_match(path, m, run_path)) return run_route(req, m[1], m[2]);
  return error(404, "not found", v);
}

Response Api::start_run(const Request& req) {
  const auto body = Json::parse(req.body());
  const auto prepared = gateway_.prepare_run(origin_of(body), body.at("current"), body.at("edited"),
                                             body.at("replications").get<std::uint64_t>());
  if (const auto* refused = std::get_if<Json>(&prepared))
    return json_response(400, *refused, req.version());
  const auto run = std::get<std::shared_ptr<const PreparedRun>>(prepared);
  const fs::path work = work_dir_;
  const auto* gateway = &gateway_;
  const auto id = queue_.submit(
      [=](const std::string& id, const RunHooks& hooks) {
        fs::create_directories(work / id);
        return gateway->run_comparison(*run, hooks, (work / id / "results.h5").string());
      },
      [work](const std::string& id) { remove_folder(work / id); });
  if (!id) return error(503, "too many runs are waiting; try again in a minute", req.version());
  return json_response(202, Json{{"id", *id}}, req.version());
}

Response Api::run_route(const Request& req, const std::string& id, const std::string& what) {
  const unsigned v = req.version();
  const bool get = req.method() == http::verb::get;
  if (what.empty() && get) {
    auto status = queue_.status(id);
    if (!status) return error(404, "no such run", v);
    (*status)["queue"] = queue_.overview();
    return json_response(200, *status, v);
  }
  if (what == "/cancel" && req.method() == http::verb::post) {
    if (!queue_.cancel(id)) return error(404, "no such run", v);
    return json_response(200, Json{{"cancelled", true}}, v);
  }
  if (what == "/results.h5" && get && queue_.result(id)) {
    auto res = make(200, "application/x-hdf5", read_file(work_dir_ / id / "results.h5"), v);
    res.set(http::field::content_disposition, "attachment; filename=\"motcua-compare.h5\"");
    return res;
  }
  if (what == "/report" && req.method() == http::verb::post && queue_.result(id)) {
    // The report in the page's language (motcua report --lang), both when not said.
    const auto body = req.body().empty() ? Json::object() : Json::parse(req.body());
    const std::string lang = body.value("lang", "both");
    if (lang != "vi" && lang != "en" && lang != "both")
      return error(400, "lang: vi, en or both", v);
    const fs::path h5 = work_dir_ / id / "results.h5", work = work_dir_;
    const auto* gateway = &gateway_;
    const auto report = config_.report;
    const auto job = queue_.submit(
        [=](const std::string& rid, const RunHooks& hooks) {
          hooks.progress(0, 1);
          gateway->make_report(report, h5.string(), (work / rid).string(), lang);
          hooks.progress(1, 1);
          return Json{{"report", true}};
        },
        [work](const std::string& rid) { remove_folder(work / rid); });
    if (!job) return error(503, "too many runs are waiting; try again in a minute", v);
    return json_response(202, Json{{"id", *job}}, v);
  }
  if (what == "/report.html" && get && queue_.result(id)) {
    const auto file = work_dir_ / id / "index.html";
    if (!fs::exists(file)) return error(404, "no report for this run", v);
    auto res = make(200, "text/html; charset=utf-8", read_file(file), v);
    res.set(http::field::content_disposition, "attachment; filename=\"motcua-report.html\"");
    return res;
  }
  return error(404, "not found", v);
}

}  // namespace sim::serve
