// `motcua serve`'s JSON API and static files, against a real server on a loopback port.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "sim/run/replication.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/serve/result_view.hpp"
#include "sim/serve/toml_json.hpp"
#include "tests/serve/serve_client.hpp"

using sim::serve::Json;
using namespace test_support;

namespace {

/// One server for this file's tests (loading the national dataset takes a moment).
sim::serve::HttpServer& server() {
  static auto s = start_server();
  return *s;
}

Json json_of(const Reply& r) { return Json::parse(r.body); }

Json urban_ward() {
  const auto r = get(server().port(), "/api/scenario?kind=template&id=urban_ward");
  REQUIRE(r.status == 200);
  return json_of(r);
}

std::string file_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("The server answers the page and Chart.js with a content security policy", "[serve]") {
  const auto page = get(server().port(), "/");
  REQUIRE(page.status == 200);
  CHECK(page.body.find("<html lang=\"vi\">") != std::string::npos);
  const std::string csp(page.raw["Content-Security-Policy"]);
  CHECK(csp.find("default-src 'none'") != std::string::npos);
  CHECK(csp.find("script-src 'self'") != std::string::npos);
  CHECK(std::string(page.raw["X-Content-Type-Options"]) == "nosniff");
  const auto chart = get(server().port(), "/static/chart.min.js");
  REQUIRE(chart.status == 200);
  CHECK(chart.body.find("Chart.js v3") != std::string::npos);
}

TEST_CASE("Paths the server does not list are 404, traversal attempts included", "[serve]") {
  for (const char* target :
       {"/static/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
        "/static/app.js/../../CMakeLists.txt", "/../scenarios/templates/urban_ward.toml",
        "/scenarios/templates/urban_ward.toml", "/api/runs/../../../etc/passwd",
        "/api/runs/0123456789abcdef0123/results.h5",
        "/api/scenario?kind=template&id=../../etc/passwd", "/static/index.html"}) {
    INFO(target);
    const auto r = get(server().port(), target);
    CHECK(r.status == 404);
    CHECK(r.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("A unit's scenario carries the national transform's demand and passes the loader",
          "[serve]") {
  const auto units = json_of(get(server().port(), "/api/units"));
  const auto national =
      sim::scenario::load_national_scenario(repo_path("scenarios/national/steady_state.toml"));
  REQUIRE(units.size() == national.centers.size());
  std::size_t di_an = units.size();
  for (std::size_t i = 0; i < units.size(); ++i)
    if (units[i]["name"] == "Dĩ An") di_an = i;
  REQUIRE(di_an < units.size());
  const auto code = units[di_an]["code"].get<std::string>();
  const auto r = get(server().port(), "/api/scenario?kind=unit&id=" + code);
  REQUIRE(r.status == 200);
  const auto body = json_of(r);
  const auto expected = sim::scenario::center_scenario(national, di_an);
  CHECK(body["scenario"]["demand"]["daily_visits"].get<double>() ==
        expected.center.demand.daily_visits);
  CHECK(body["scenario"]["back_office"]["workers"].get<std::uint32_t>() ==
        expected.center.back_office.workers);
  const auto checked =
      json_of(post(server().port(), "/api/check",
                   Json{{"origin", body["origin"]}, {"scenario", body["scenario"]}}.dump()));
  CHECK(checked["ok"] == true);
}

TEST_CASE("A unit picked on the page runs exactly as the national run's unit", "[serve]") {
  // The national scaling of one unit over two days, run as `motcua run` runs the national
  // scenario (its seed, the unit's streams), against the page's run of the same unit unedited.
  const auto path = repo_path("scenarios/national/steady_state.toml");
  const auto national = sim::scenario::load_national_scenario(path, {"run.days = 2"});
  const std::size_t unit = 0;  // the first unit of the dataset
  const auto& code = national.dataset.units[national.centers[unit].unit].code;
  auto page = json_of(get(server().port(), "/api/scenario?kind=unit&id=" + code));
  auto& run = page["scenario"]["run"];
  run["start_date"] = "2025-10-01";  // the national run's dates and seed (steady_state.toml)
  run["days"] = 2;
  run["seed"] = national.run.seed;
  const auto started = post(server().port(), "/api/runs",
                            Json{{"origin", page["origin"]},
                                 {"current", page["scenario"]},
                                 {"edited", page["scenario"]},
                                 {"replications", 2}}
                                .dump());
  REQUIRE(started.status == 202);
  Json done;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  do {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    done = json_of(get(server().port(), "/api/runs/" + json_of(started)["id"].get<std::string>()));
  } while (done["state"] == "waiting" || done["state"] == "running");
  REQUIRE(done["state"] == "done");

  sim::run::Experiment e{"compare", "", {}};
  const auto scaled = sim::scenario::center_scenario(national, unit);
  for (const char* name : {"current", "edited"}) {
    e.variants.push_back({{name, {}, {}, {}}, scaled, {}});
    for (std::uint64_t r = 0; r < 2; ++r)
      e.variants.back().results.push_back(sim::run::run_replication(scaled, national.run.seed, r));
  }
  // Every number the page shows (metrics, queue, domains, staff) is the national unit's.
  CHECK(done["result"] == Json::parse(sim::serve::result_json(e).dump()));
}

TEST_CASE("An edit the loader refuses is refused with the loader's own message", "[serve]") {
  auto ward = urban_ward();
  ward["scenario"]["counters"][0]["domains"] = Json::array({"land_registry"});
  ward["scenario"]["staff"][0]["absence_prob"] = 1.5;
  ward["scenario"]["policy"]["closing"] = "later";  // one of the page's newer editors
  const auto checked =
      json_of(post(server().port(), "/api/check",
                   Json{{"origin", ward["origin"]}, {"scenario", ward["scenario"]}}.dump()));
  REQUIRE(checked["ok"] == false);
  // The same two edits made in the template file, read by the loader as `motcua run` reads it.
  const auto path = repo_path("scenarios/templates/urban_ward.toml");
  auto text = file_text(path);
  const std::string first_domains = "domains = [\"certification\"]";
  text.replace(text.find(first_domains), first_domains.size(), "domains = [\"land_registry\"]");
  const std::string first_absence = "absence_prob = 0.1";
  text.replace(text.find(first_absence), first_absence.size(), "absence_prob = 1.5");
  const std::string closing = "closing = \"stop_issuing\"";
  text.replace(text.find(closing), closing.size(), "closing = \"later\"");
  std::vector<std::pair<std::string, std::string>> expected, got;
  try {
    sim::scenario::parse_scenario(text, path);
    FAIL("the loader accepted the edit");
  } catch (const sim::scenario::InputError& e) {
    for (const auto& p : e.problems()) expected.emplace_back(p.key, p.message);
  }
  for (const auto& p : checked["problems"]) got.emplace_back(p["key"], p["message"]);
  CHECK(got == expected);
  CHECK(checked["problems"][0]["text"].get<std::string>().find(
            "scenarios/templates/urban_ward-edited.toml:") == 0);
}

TEST_CASE("The downloaded TOML is the edited layout and loads unchanged", "[serve]") {
  auto ward = urban_ward();
  auto& s = ward["scenario"];
  s["counters"].erase(1);  // 2-certification and the officer seated at it
  s["staff"].erase(1);
  const auto r =
      post(server().port(), "/api/toml", Json{{"origin", ward["origin"]}, {"scenario", s}}.dump());
  REQUIRE(r.status == 200);
  CHECK(std::string(r.raw["Content-Disposition"]).find("urban_ward-edited.toml") !=
        std::string::npos);
  CHECK(r.body.rfind("# Scenario edited with `motcua serve`", 0) == 0);
  const auto path = repo_path("scenarios/templates/downloaded.toml");
  const auto loaded = sim::scenario::parse_scenario(r.body, path);
  CHECK(loaded.center.counters.size() == 6);
  CHECK(loaded.center.staff.size() == 7);
  // Read back into JSON, the file is exactly what was sent: nothing lost, no type changed.
  CHECK(sim::serve::to_json(toml::parse(r.body)) == s);
}

TEST_CASE("An uploaded TOML goes through the same loader, inside the scenarios folder only",
          "[serve]") {
  const auto port = server().port();
  const auto text = file_text(repo_path("scenarios/templates/rural_commune.toml"));
  const auto ok = json_of(post(port, "/api/upload", text));
  CHECK(ok["ok"] == true);
  CHECK(ok["scenario"]["scenario"]["name"] == "Rural commune (template)");
  const auto malformed = json_of(post(port, "/api/upload", "[scenario\nname = 1"));
  REQUIRE(malformed["ok"] == false);
  CHECK(malformed["problems"][0]["message"].get<std::string>().rfind("malformed TOML", 0) == 0);
  auto outside = text;
  const std::string catalogue = "catalogue = \"../catalogue/commune.toml\"";
  outside.replace(outside.find(catalogue), catalogue.size(), "catalogue = \"/etc/passwd\"");
  const auto refused = json_of(post(port, "/api/upload", outside));
  REQUIRE(refused["ok"] == false);
  CHECK(refused["problems"][0]["key"] == "scenario.catalogue");
  CHECK(refused["problems"][0]["message"].get<std::string>().find("scenarios folder") !=
        std::string::npos);
}

TEST_CASE("Policies come from the overlay files, each with its one-line explanation", "[serve]") {
  const auto policies = json_of(get(server().port(), "/api/policies"));
  std::vector<std::string> keys;
  for (const auto& p : policies) {
    keys.push_back(p["key"]);
    CHECK_FALSE(p["description"].get<std::string>().empty());
  }
  // Every overlay under scenarios/policies/ that only sets [policies.*] tables is offered: all
  // but two_receptionists.toml, a reception edit the form makes itself.
  std::size_t files = 0;
  for (const auto& f : std::filesystem::directory_iterator(repo_path("scenarios/policies")))
    files += f.path().extension() == ".toml";
  CHECK(policies.size() == files - 1);
  CHECK(std::find(keys.begin(), keys.end(), "ai_robot") != keys.end());
  CHECK(std::find(keys.begin(), keys.end(), "friendly_saturday") != keys.end());
  const auto metrics = json_of(get(server().port(), "/api/metrics"));
  CHECK(metrics.size() == sim::run::summary_metrics(sim::scenario::ScenarioForm::center).size());
}

TEST_CASE("An overlay with two policy tables is offered whole and its layout passes the loader",
          "[serve]") {
  const auto policies = json_of(get(server().port(), "/api/policies"));
  const auto youth = std::find_if(policies.begin(), policies.end(),
                                  [](const Json& p) { return p["key"] == "youth_volunteers"; });
  REQUIRE(youth != policies.end());
  const auto& tables = (*youth)["tables"];
  REQUIRE(tables.size() == 2);
  CHECK(tables["volunteers"]["count"] == 2);
  CHECK(tables["online_shift"]["share"] == 0.1);
  // What the page does when the box is ticked: both tables into the layout's [policies].
  auto ward = urban_ward();
  for (const auto& [name, table] : tables.items()) ward["scenario"]["policies"][name] = table;
  const auto checked =
      json_of(post(server().port(), "/api/check",
                   Json{{"origin", ward["origin"]}, {"scenario", ward["scenario"]}}.dump()));
  CHECK(checked["ok"] == true);
  const auto toml_text =
      post(server().port(), "/api/toml",
           Json{{"origin", ward["origin"]}, {"scenario", ward["scenario"]}}.dump());
  REQUIRE(toml_text.status == 200);
  CHECK(toml_text.body.find("[policies.volunteers]") != std::string::npos);
  CHECK(toml_text.body.find("[policies.online_shift]") != std::string::npos);
}
