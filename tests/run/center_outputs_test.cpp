// The center form's back-office and system outputs: shapes and accounting identities of a real run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "sim/run/parallel_runner.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/stats/summary_collector.hpp"
#include "tests/support/columns.hpp"
#include "tests/support/paths.hpp"

namespace {
using test_support::index_of;
std::size_t table_index(const std::string& name) {
  const auto& defs = sim::run::center_table_defs();
  for (std::size_t t = 0; t < defs.size(); ++t) {
    if (defs[t].name == name) return t;
  }
  FAIL("no table " << name);
  return 0;
}
}  // namespace

TEST_CASE("a center-form replication has every summary column and detail table in declared shape",
          "[run]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto result = sim::run::run_replication(s, 7, 0);
  const auto& metrics = sim::run::summary_metrics(s.form);
  REQUIRE(result.summary.values.size() == metrics.size());
  const auto& defs = sim::run::center_table_defs();
  REQUIRE(result.tables.size() == defs.size());
  for (std::size_t t = 0; t < defs.size(); ++t) {
    INFO(defs[t].name);
    for (const auto& row : result.tables[t]) REQUIRE(row.size() == defs[t].columns.size());
  }
  const auto days = static_cast<std::size_t>(s.run.horizon_min / 1440.0);
  CHECK(result.tables[table_index("backlog")].size() == days * 24);
  CHECK(result.tables[table_index("dossiers_by_procedure")].size() == s.center.procedures.size());
  CHECK(result.tables[table_index("systems")].size() == s.center.systems.size());
}

TEST_CASE("dossier counts of a center run agree between the summary, the days and the procedures",
          "[run]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto result = sim::run::run_replication(s, 11, 0);
  const auto& metrics = sim::run::summary_metrics(s.form);
  const auto get = [&](const char* name) {
    return result.summary.values.at(index_of(metrics, name));
  };
  // Open overdue dossiers are counted by difference; a wrap-around of that difference (a
  // dossier finished but never received, or whose deadline moved) would show here.
  CHECK(get("dossiers_completed") <= get("dossiers_received"));
  CHECK(get("dossiers_open_overdue") <= get("dossiers_received") - get("dossiers_completed"));
  CHECK(get("dossiers_online") <= get("dossiers_received"));
  CHECK(get("payments_online") + get("online_payments_failed") <= get("dossiers_online"));
  // Online dossiers by day add up to the back office's online receipts, and procedures add up
  // to the whole.
  const auto& day_cols = sim::run::center_table_defs()[table_index("days")].columns;
  double online_by_day = 0.0;
  for (const auto& row : result.tables[table_index("days")]) {
    online_by_day += row[index_of(day_cols, "online")];
  }
  CHECK(online_by_day == get("dossiers_online"));
  const auto& proc_cols =
      sim::run::center_table_defs()[table_index("dossiers_by_procedure")].columns;
  double received = 0.0, late = 0.0;
  for (const auto& row : result.tables[table_index("dossiers_by_procedure")]) {
    received += row[index_of(proc_cols, "received")];
    late += row[index_of(proc_cols, "late")];
  }
  CHECK(received == get("dossiers_received"));
  CHECK(late == get("dossiers_late"));
}

TEST_CASE("each dossier count of a center run splits exactly into online and counter dossiers",
          "[run]") {
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto result = sim::run::run_replication(s, 11, 0);
  const auto& metrics = sim::run::summary_metrics(s.form);
  const auto get = [&](const std::string& name) {
    return result.summary.values.at(index_of(metrics, name));
  };
  REQUIRE(get("dossiers_online_received") > 0);  // both channels carry dossiers
  REQUIRE(get("dossiers_counter_received") > 0);
  for (const std::string count : {"received", "completed", "on_time", "late", "open_overdue"}) {
    INFO(count);
    CHECK(get("dossiers_online_" + count) + get("dossiers_counter_" + count) ==
          get("dossiers_" + count));
  }
  CHECK(get("dossiers_online_received") == get("dossiers_online"));
  // The whole rate lies between the two channels' rates (a weighted mean of them).
  CHECK(get("on_time_rate") >= std::min(get("on_time_rate_online"), get("on_time_rate_counter")));
  CHECK(get("on_time_rate") <= std::max(get("on_time_rate_online"), get("on_time_rate_counter")));
}

TEST_CASE("a station-form replication keeps the station summary and has no detail tables",
          "[run]") {
  const auto s = sim::scenario::load_scenario(
      test_support::repo_path("scenarios/validation/mm1_load0.5.toml"));
  const auto result = sim::run::run_replication(s, 1, 0);
  CHECK(result.summary.values.size() == sim::stats::SummaryCollector::metrics().size());
  CHECK(&sim::run::summary_metrics(s.form) == &sim::stats::SummaryCollector::metrics());
  CHECK(result.tables.empty());
}

TEST_CASE("the late dossiers held responsible at each route step sum to the late total", "[run]") {
  // The launch-period ward has late dossiers at several steps (failed synchronisation, the
  // signing batches, hand-offs): in the summary and in every procedure's row, the step counts
  // add up to the late count exactly, and more than one step has some.
  const auto s = sim::scenario::load_scenario(
      test_support::repo_path("scenarios/software/launch_period.toml"));
  const auto result = sim::run::run_replication(s, s.run.seed, 0);
  const auto& metrics = sim::run::summary_metrics(s.form);
  const std::vector<std::string> steps = {"specialist", "citizen", "agency", "signature", "result"};
  double by_steps = 0.0;
  int steps_with_late = 0;
  for (const auto& step : steps) {
    const double n = result.summary.values.at(index_of(metrics, "dossiers_late_" + step));
    by_steps += n;
    steps_with_late += n > 0 ? 1 : 0;
  }
  const double late = result.summary.values.at(index_of(metrics, "dossiers_late"));
  CHECK(late > 0);
  CHECK(by_steps == late);
  CHECK(steps_with_late >= 2);
  const auto& cols = sim::run::center_table_defs()[table_index("dossiers_by_procedure")].columns;
  for (const auto& row : result.tables[table_index("dossiers_by_procedure")]) {
    double sum = 0.0;
    for (const auto& step : steps) sum += row[index_of(cols, "late_" + step)];
    CHECK(sum == row[index_of(cols, "late")]);
  }
}
