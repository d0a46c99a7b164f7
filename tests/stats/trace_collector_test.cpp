// The per-visit trace: every visit once, the same results with it or without, any thread count.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/run/replication.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/stats/trace_writer.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double metric(const sim::scenario::Scenario& s, const sim::stats::ReplicationResult& r,
              const std::string& name) {
  const auto& m = sim::run::summary_metrics(s.form);
  const auto it = std::find_if(m.begin(), m.end(), [&](auto& d) { return d.name == name; });
  return r.summary.values.at(static_cast<std::size_t>(it - m.begin()));
}

/// Equal cell by cell, a NaN (an undefined value, e.g. a percentile of nobody) equal to a NaN.
bool same(const std::vector<sim::stats::TableRows>& a,
          const std::vector<sim::stats::TableRows>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t t = 0; t < a.size(); ++t) {
    if (a[t].size() != b[t].size()) return false;
    for (std::size_t r = 0; r < a[t].size(); ++r) {
      if (a[t][r].size() != b[t][r].size()) return false;
      for (std::size_t c = 0; c < a[t][r].size(); ++c) {
        const double x = a[t][r][c], y = b[t][r][c];
        if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
      }
    }
  }
  return true;
}

}  // namespace

TEST_CASE("Trace times are written as dates and clock times to the nearest second", "[trace]") {
  const sim::model::Date start{std::chrono::year{2025}, std::chrono::month{9}, std::chrono::day{8}};
  CHECK(sim::stats::format_trace_time(7 * 60 + 30.5, start) == "2025-09-08 07:30:30");
  CHECK(sim::stats::format_trace_time(1440.0 * 3 + 59.999, start) == "2025-09-11 01:00:00");
  CHECK(sim::stats::format_trace_time(std::nan(""), start).empty());
}

TEST_CASE("A trace has one row per visit and changes no result", "[trace]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto plain = sim::run::run_replication(s, s.run.seed, 0, true, false);
  const auto traced = sim::run::run_replication(s, s.run.seed, 0, true, true);
  CHECK(plain.trace.empty());
  CHECK(same({{plain.summary.values}}, {{traced.summary.values}}));  // the observer only listens
  CHECK(same(plain.tables, traced.tables));
  double first = 0, returns = 0, served = 0, online = 0;
  for (const auto& r : traced.trace) {
    if (r.online) {
      ++online;
      continue;
    }
    (r.visit == 1 ? first : returns) += 1;
    served += r.outcome == sim::stats::TraceOutcome::served ? 1 : 0;
    if (r.outcome == sim::stats::TraceOutcome::served) {
      CHECK(r.ticket <= r.service_start);
      CHECK(r.service_start <= r.service_end);
      CHECK(r.service_end == r.left);
    }
  }
  // Conservation: the summary counts the same citizens the trace lists.
  CHECK(first == metric(s, traced, "arrived"));
  CHECK(returns == metric(s, traced, "returned"));
  CHECK(served == metric(s, traced, "served"));
  CHECK(online > 0);
  // Return links: a visit flagged `returns` is followed by the same citizen's next visit.
  for (std::size_t i = 0; i + 1 < traced.trace.size(); ++i) {
    const auto& r = traced.trace[i];
    if (!r.returns) continue;
    CHECK(traced.trace[i + 1].citizen == r.citizen);
    CHECK(traced.trace[i + 1].visit == r.visit + 1);
  }
}

TEST_CASE("motcua run --trace writes the same file on 1 and 2 threads", "[trace][cli]") {
  const auto dir = test_support::scratch_dir("trace_threads");
  const auto ward = test_support::repo_path("scenarios/templates/urban_ward.toml");
  for (const std::string t : {"1", "2"}) {
    const auto r = test_support::motcua({"run", ward, "-r", "3", "-t", t, "-q", "--set",
                                         "run.days=2", "-o", (dir / ("w" + t + ".h5")).string(),
                                         "--trace", (dir / ("w" + t + ".csv")).string()});
    REQUIRE(r.code == 0);
  }
  const auto one = slurp(dir / "w1.csv");
  CHECK(one == slurp(dir / "w2.csv"));
  CHECK(one.rfind("replication,citizen,visit,channel,", 0) == 0);
  CHECK(one.find("\n2,") != std::string::npos);  // the third replication is there
  CHECK_FALSE(fs::exists(dir / "w1.csv.part"));
}
