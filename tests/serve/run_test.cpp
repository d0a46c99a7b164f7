// `motcua serve`'s runs: common random numbers, bounds, the queue and clients that go away.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "sim/serve/toml_json.hpp"
#include "tests/serve/serve_client.hpp"

using sim::serve::Json;
using namespace test_support;

namespace {

Json json_of(const Reply& r) { return Json::parse(r.body); }

Json scenario(std::uint16_t port, const std::string& id, int days) {
  auto body = json_of(get(port, "/api/scenario?kind=template&id=" + id));
  body["scenario"]["run"]["days"] = days;
  return body;
}

Json run_request(const Json& current, const Json& edited, int replications) {
  return Json{{"origin", current["origin"]},
              {"current", current["scenario"]},
              {"edited", edited["scenario"]},
              {"replications", replications}};
}

/// Asks about a run until it is no longer waiting or running (a deadline, not a timing).
Json wait_for(std::uint16_t port, const std::string& id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  for (;;) {
    auto status = json_of(get(port, "/api/runs/" + id));
    if (status["state"] != "waiting" && status["state"] != "running") return status;
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace

TEST_CASE(
    "The same layout run as current and edited differs by exactly zero (common random numbers)",
    "[serve]") {
  auto server = start_server();
  const auto port = server->port();
  const auto ward = scenario(port, "urban_ward", 2);
  const auto started = post(port, "/api/runs", run_request(ward, ward, 2).dump());
  REQUIRE(started.status == 202);
  const auto id = json_of(started)["id"].get<std::string>();
  const auto done = wait_for(port, id);
  REQUIRE(done["state"] == "done");
  const auto& result = done["result"];
  CHECK(result["replications"] == 2);
  REQUIRE(result["comparison"].size() > 10);
  for (const auto& c : result["comparison"]) {
    INFO(c["metric"]);
    if (c["diff"].is_number()) CHECK(c["diff"].get<double>() == 0.0);
    // Identical runs tie in every replication: all "equal" where the metric has a direction
    // and a value, no shares (null) where it has no direction or is undefined (the lateness of
    // late dossiers when none is late).
    if (c["better"] == "" || !c["base_mean"].is_number()) {
      CHECK(c["equal_share"].is_null());
    } else {
      CHECK(c["better_share"] == 0.0);
      CHECK(c["equal_share"] == 1.0);
      CHECK(c["worse_share"] == 0.0);
    }
  }
  // The page's charts: a queue through the day, every domain, every officer.
  CHECK(result["variants"][0]["queue"]["bin_start"].size() > 0);
  CHECK(result["variants"][0]["domains"].size() == ward["domains"].size());
  CHECK(result["variants"][1]["staff"].size() == ward["scenario"]["staff"].size());
  const auto h5 = get(port, "/api/runs/" + id + "/results.h5");
  REQUIRE(h5.status == 200);
  CHECK(h5.body.substr(0, 8) == std::string("\x89HDF\r\n\x1a\n", 8));
}

TEST_CASE("Removing a counter changes the run but moves no arrival", "[serve]") {
  auto server = start_server();
  const auto port = server->port();
  // Online results collected at the counter come when the back office finishes them, and
  // counter staff receive online dossiers, so pick-ups follow the layout: no online channel here.
  auto current = scenario(port, "urban_ward", 2);
  current["scenario"]["demand"]["online_share"] = 0.0;
  auto edited = current;
  edited["scenario"]["counters"].erase(1);  // one of the three certification counters
  edited["scenario"]["staff"].erase(1);
  const auto started = post(port, "/api/runs", run_request(current, edited, 2).dump());
  REQUIRE(started.status == 202);
  const auto done = wait_for(port, json_of(started)["id"]);
  REQUIRE(done["state"] == "done");
  bool arrived_same = false, something_moved = false;
  for (const auto& c : done["result"]["comparison"]) {
    // Arrivals are drawn from their own streams: a layout change moves none of them.
    if (c["metric"] == "arrived") arrived_same = c["diff"].get<double>() == 0.0;
    if (c["metric"] == "utilization") something_moved = c["diff"].get<double>() != 0.0;
  }
  CHECK(arrived_same);
  CHECK(something_moved);
}

TEST_CASE("Runs are bounded: replications, days and request size", "[serve]") {
  auto server = start_server();
  const auto port = server->port();
  const auto ward = scenario(port, "urban_ward", 2);
  const auto too_many = post(port, "/api/runs", run_request(ward, ward, 1000).dump());
  CHECK(too_many.status == 400);
  CHECK(too_many.body.find("replications") != std::string::npos);
  const auto long_run = scenario(port, "urban_ward", 400);
  const auto too_long = post(port, "/api/runs", run_request(long_run, long_run, 2).dump());
  CHECK(too_long.status == 400);
  CHECK(too_long.body.find("run.days") != std::string::npos);
  // Warm-up days are simulated too: 40 days of which 20 warm-up exceed the page's 31.
  auto warm = scenario(port, "urban_ward", 40);
  warm["scenario"]["run"]["warmup_days"] = 20;
  const auto too_warm = post(port, "/api/runs", run_request(warm, warm, 2).dump());
  CHECK(too_warm.status == 400);
  CHECK(too_warm.body.find("run.days") != std::string::npos);
  const auto huge = post(port, "/api/upload", std::string(2 << 20, '#'));
  CHECK(huge.status == 413);
  CHECK(get(port, "/").status == 200);  // and the server still answers
}

TEST_CASE("Runs beyond the workers wait in a bounded queue, and can be cancelled", "[serve]") {
  auto server = start_server([](sim::serve::ServerConfig& c) {
    c.queue_limits.workers = 1;
    c.queue_limits.max_waiting = 2;
  });
  const auto port = server->port();
  const auto ward = scenario(port, "megaward", 31);
  const auto body = run_request(ward, ward, 20).dump();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    const auto r = post(port, "/api/runs", body);
    REQUIRE(r.status == 202);
    ids.push_back(json_of(r)["id"]);
  }
  // The first holds the only worker or waits ahead of the others: the third always waits.
  const auto third = json_of(get(port, "/api/runs/" + ids[2]));
  CHECK(third["state"] == "waiting");
  CHECK(third["position"].get<int>() >= 1);
  CHECK(post(port, "/api/runs", body).status == 503);
  for (const auto& id : ids) CHECK(post(port, "/api/runs/" + id + "/cancel", "{}").status == 200);
  for (const auto& id : ids) CHECK(wait_for(port, id)["state"] == "cancelled");
}

TEST_CASE("A run whose client went away is cancelled and the server keeps serving", "[serve]") {
  auto server = start_server(
      [](sim::serve::ServerConfig& c) { c.queue_limits.lease = std::chrono::milliseconds(300); });
  const auto port = server->port();
  const auto ward = scenario(port, "megaward", 31);
  const auto r = post(port, "/api/runs", run_request(ward, ward, 20).dump());
  REQUIRE(r.status == 202);
  // The client disconnects: nobody asks about the run any more. /api/limits does not renew it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  while (json_of(get(port, "/api/limits"))["queue"]["cancelled"] != 1) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  CHECK(json_of(get(port, "/api/limits"))["queue"]["running"] == 0);
  // A connection dropped half-way through a request harms nothing either.
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    const std::string partial =
        "POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n{";
    boost::asio::write(socket, boost::asio::buffer(partial));
  }
  CHECK(get(port, "/").status == 200);
}

TEST_CASE("The report is made in the queue, in the page's language, and downloaded as one file",
          "[serve]") {
  // A stand-in for `motcua report` (which needs Python): it writes the page it was asked for.
  auto server = start_server([](sim::serve::ServerConfig& c) {
    c.report = [](const std::vector<std::string>& args, std::ostream&, std::ostream&) {
      REQUIRE(args.size() == 5);
      CHECK(args[1] == "-o");
      std::filesystem::create_directories(args[2]);
      std::ofstream(args[2] + "/index.html")
          << "<html>report of " << args[0] << " --lang " << args[4];
      return 0;
    };
  });
  const auto port = server->port();
  const auto ward = scenario(port, "rural_commune", 1);
  const auto run = post(port, "/api/runs", run_request(ward, ward, 2).dump());
  REQUIRE(run.status == 202);
  const auto id = json_of(run)["id"].get<std::string>();
  REQUIRE(wait_for(port, id)["state"] == "done");
  CHECK(post(port, "/api/runs/" + id + "/report", R"({"lang": "fr"})").status == 400);
  const auto made = post(port, "/api/runs/" + id + "/report", R"({"lang": "vi"})");
  REQUIRE(made.status == 202);
  const auto report_id = json_of(made)["id"].get<std::string>();
  REQUIRE(wait_for(port, report_id)["state"] == "done");
  const auto page = get(port, "/api/runs/" + report_id + "/report.html");
  REQUIRE(page.status == 200);
  CHECK(page.body.find(id + "/results.h5 --lang vi") != std::string::npos);
}
