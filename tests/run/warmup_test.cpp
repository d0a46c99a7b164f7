// Warm-up days only filter what is reported: the simulated history is the same with or without.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/run/replication.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/columns.hpp"
#include "tests/support/paths.hpp"

namespace {
using test_support::index_of;

/// Equal values, NaN equal to NaN (a day without service has NaN waits in both runs).
bool same_row(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
  }
  return true;
}

/// The urban ward for 14 days (two weeks, with its back office and systems), W warm-up days.
sim::scenario::Scenario ward(int warmup_days) {
  return sim::scenario::load_scenario(
      test_support::repo_path("scenarios/templates/urban_ward.toml"), {},
      {"run.days = 14", "run.warmup_days = " + std::to_string(warmup_days)});
}
}  // namespace

TEST_CASE("warm-up days drop their rows and leave every reported day exactly as without warm-up",
          "[run]") {
  const auto whole = ward(0), warmed = ward(7);
  const auto all = sim::run::run_replication(whole, 5, 0, true, false, nullptr);
  const auto part = sim::run::run_replication(warmed, 5, 0, true, false, nullptr);
  const auto& defs = sim::run::center_table_defs();
  const std::size_t days = 0;
  const std::size_t day_col = index_of(defs.at(days).columns, "day");
  REQUIRE(all.tables.at(days).size() == 14);
  REQUIRE(part.tables.at(days).size() == 7);
  // The model does not know about warm-up: day 7 onwards is the same history, row for row.
  for (std::size_t d = 0; d < 7; ++d)
    CHECK(same_row(part.tables.at(days).at(d), all.tables.at(days).at(d + 7)));
  CHECK(part.tables.at(days).front().at(day_col) == 7.0);

  // The summary follows the citizens whose first visit is on a reported day: exactly the first
  // visits of the reported days' rows.
  const auto& metrics = sim::run::summary_metrics(sim::scenario::ScenarioForm::center);
  double first_visits = 0.0;
  for (const auto& row : part.tables.at(days))
    first_visits += row.at(index_of(defs.at(days).columns, "arrived"));
  CHECK(part.summary.values.at(index_of(metrics, "arrived")) == first_visits);
  CHECK(part.summary.values.at(index_of(metrics, "window")) == 7 * 1440.0);
  // Staff were open on the reported days only, so less than over the whole run.
  const std::size_t staff = 4, open = index_of(defs.at(staff).columns, "present");
  double open_all = 0.0, open_part = 0.0;
  for (const auto& row : all.tables.at(staff)) open_all += row.at(open);
  for (const auto& row : part.tables.at(staff)) open_part += row.at(open);
  CHECK(open_part > 0.0);
  CHECK(open_part < open_all);
}

TEST_CASE("a warm-up that leaves no reported day is refused with the key and its range", "[run]") {
  try {
    ward(14);
    FAIL("accepted warmup_days = days");
  } catch (const sim::scenario::InputError& e) {
    const std::string what = e.what();
    CHECK(what.find("run.warmup_days") != std::string::npos);
    CHECK(what.find("between 0 and 13") != std::string::npos);
  }
  CHECK_THROWS_AS(ward(-1), sim::scenario::InputError);
}
