// National secondment: the planner's expected back-office load and each province's pool.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>

#include "sim/scenario/national_scenario.hpp"
#include "sim/scenario/national_secondment.hpp"
#include "tests/support/paths.hpp"

namespace sc = sim::scenario;
using sim::engine::Distribution;

TEST_CASE("the planner's back-office load counts walk-in and online work against staff minutes",
          "[scenario][national][secondment]") {
  sim::model::CenterParams c;
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.sessions[0] = {sim::model::Session{450, 690}, sim::model::Session{810, 1020}};  // 450 min
  c.calendar = spec;
  sim::model::ProcedureParams a, b;
  a.share = 0.75;
  a.dossier = true;
  a.service = Distribution::deterministic(10.0);
  a.back_office = Distribution::deterministic(30.0);
  a.online_weight = 1.0;
  b.share = 0.25;  // information visits: counter time, no dossier
  b.service = Distribution::deterministic(4.0);
  c.procedures = {a, b};
  c.counters = {{"1", {0}, {}, {}}, {"2", {0}, {}, {}}};
  c.demand.daily_visits = 100.0;
  c.demand.online_share = 0.2;
  c.back_office.workers = 1;
  c.back_office.time_factor = 2.0;
  const auto plan = sc::plan_back_office(c);
  // Work: 100 x (0.8 x (0.75 x 30) + 0.2 x 30) x 2 = 4,800 minutes.
  CHECK(plan.work_min == Approx(4800.0));
  // Staff: one worker's 450 minutes + two counters' 900 minus serving 80 x (0.75 x 10 + 0.25 x 4)
  // = 680: 450 + 220 = 670.
  CHECK(plan.worker_min == Approx(450.0));
  CHECK(plan.staff_min == Approx(670.0));
  CHECK(plan.load(2) == Approx(4800.0 / 1570.0));
  c.back_office.counter_staff = false;
  CHECK(sc::plan_back_office(c).staff_min == Approx(450.0));
}

namespace {
sc::NationalScenario launch(const std::string& provinces, double per_unit) {
  return sc::load_national_scenario(test_support::repo_path("scenarios/national/launch_2025.toml"),
                                    {"national.provinces = " + provinces,
                                     "national.secondment_per_unit = " + std::to_string(per_unit)});
}
}  // namespace

TEST_CASE("each province's seconded officers go one at a time to the highest expected load",
          "[scenario][national][secondment]") {
  const auto n = launch("[\"11\", \"79\"]", 0.87);  // Điện Biên and Hồ Chí Minh City
  std::map<std::size_t, std::uint32_t> centers, sent;
  std::map<std::size_t, double> highest_left;   // highest load with the officers it got
  std::map<std::size_t, double> lowest_before;  // lowest load just before its last officer
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    const auto& c = n.centers[i];
    ++centers[c.province];
    sent[c.province] += c.seconded_workers;
    auto s = sc::center_scenario(n, i);
    s.center.back_office.seconded = 0;
    const auto plan = sc::plan_back_office(s.center);
    auto& high = highest_left[c.province];
    high = std::max(high, plan.load(c.seconded_workers));
    if (c.seconded_workers > 0) {
      const double before = plan.load(c.seconded_workers - 1);
      auto it = lowest_before.find(c.province);
      if (it == lowest_before.end() || before < it->second) lowest_before[c.province] = before;
    }
  }
  REQUIRE(centers.size() == 2);
  for (const auto& [province, count] : centers) {
    INFO("province " << n.dataset.provinces[province].code << ", " << count << " centers");
    // The pool: round(0.87 x centers).
    CHECK(sent[province] == static_cast<std::uint32_t>(std::lround(0.87 * count)));
    // Greedy: every officer went to a center at least as loaded as any center is left.
    REQUIRE(lowest_before.count(province));
    CHECK(lowest_before[province] >= highest_left[province]);
  }
}

TEST_CASE("a province's seconded officers do not depend on the other provinces of the run",
          "[scenario][national][secondment]") {
  const auto both = launch("[\"11\", \"79\"]", 0.87), one = launch("[\"11\"]", 0.87);
  std::map<std::string, std::uint32_t> in_one;
  for (const auto& c : one.centers) in_one[one.dataset.units[c.unit].code] = c.seconded_workers;
  std::size_t compared = 0;
  for (const auto& c : both.centers) {
    const auto& code = both.dataset.units[c.unit].code;
    if (!in_one.count(code)) continue;
    CHECK(c.seconded_workers == in_one[code]);
    ++compared;
  }
  CHECK(compared == in_one.size());
}

TEST_CASE("seconded officers reach the center's back office with their first day",
          "[scenario][national][secondment]") {
  // 1 Jul to 1 Aug 2025: 31 days.
  const auto n = sc::load_national_scenario(
      test_support::repo_path("scenarios/national/launch_2025.toml"),
      {"national.provinces = [\"11\"]", "national.secondment_per_unit = 1",
       "national.secondment_from = 2025-08-01"});
  std::uint32_t total = 0;
  for (std::size_t i = 0; i < n.centers.size(); ++i) {
    const auto s = sc::center_scenario(n, i);
    CHECK(s.center.back_office.seconded == n.centers[i].seconded_workers);
    CHECK(s.center.back_office.seconded_from == 31.0 * 1440.0);
    total += s.center.back_office.seconded;
  }
  CHECK(total == n.centers.size());
}

TEST_CASE("a negative number of seconded officers is refused with its key and range",
          "[scenario][national][secondment]") {
  try {
    launch("[\"11\"]", -1.0);
    FAIL("loaded");
  } catch (const sc::InputError& e) {
    const std::string text = e.what();
    CHECK(text.find("national.secondment_per_unit") != std::string::npos);
    CHECK(text.find("must be between 0") != std::string::npos);
  }
}
