// ReturnVisits alone: who comes back, on which working day and at what time, by hand.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/day_cycle.hpp"
#include "sim/model/return_visits.hpp"
#include "tests/support/visit_log.hpp"

using sim::model::CenterParams;
using sim::model::Citizen;
using sim::model::LeaveReason;
using test_support::hand_made;

namespace {

/// Thursday 11/09/2025 to Monday 15/09/2025, weekdays 07:30-17:00; every visit in 09:00-10:00.
struct Bench : test_support::QuietDay {
  Bench()
      : calendar(spec()),
        log(sim, pool),
        days(sim, params(), &calendar, *this),
        returns(sim, params_, days, pool, log) {
    days.start();
  }
  static sim::model::CalendarSpec spec() {
    sim::model::CalendarSpec s;
    s.start = std::chrono::year{2025} / 9 / 11;
    s.days = 5;
    for (unsigned w = 0; w < 5; ++w) s.sessions[w] = {sim::model::Session{450, 1020}};
    return s;
  }
  CenterParams& params() {
    params_.calendar = spec();
    params_.demand.hourly_profile[9] = 1.0;
    params_.policy.max_visits = 2;
    return params_;
  }

  CenterParams params_;
  sim::model::WorkCalendar calendar;
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  test_support::VisitLog log;
  sim::model::DayCycle days;
  sim::model::ReturnVisits returns;
};

}  // namespace

TEST_CASE("a citizen sent home on Friday comes back on Monday between 09:00 and 10:00",
          "[model][returns]") {
  // Sent home Friday (day 1) at 10:00: one working day later is Monday (day 4). The visit is
  // placed by the day's profile, all of it in 09:00-10:00, at 540 + 60 u minutes, u the first
  // draw of Friday's "citizen.return" stream.
  Bench b;
  b.sim.run_until(1440 + 600);
  const auto i = hand_made(b.pool, 7, [](Citizen& c) { c.domain = 0, c.visit = 1; });
  REQUIRE(b.returns.schedule(i, LeaveReason::closing));
  CHECK(b.returns.away() == 1);
  const double u = b.sim.stream({"citizen.return", 1}).uniform01();
  b.sim.run();
  CHECK(b.returns.away() == 0);
  std::ostringstream expected;
  expected << 4 * 1440 + 540 + 60 * u << " arrive 7";
  REQUIRE(b.log.lines.size() == 1);
  CHECK(b.log.lines[0] == expected.str());
  CHECK(b.pool[i].visit == 2);
}

TEST_CASE("those who gave up, were answered or reached the last visit do not come back",
          "[model][returns]") {
  Bench b;
  b.sim.run_until(600);
  const auto first = hand_made(b.pool, 1, [](Citizen& c) { c.visit = 1; });
  CHECK_FALSE(b.returns.schedule(first, LeaveReason::reneged));
  CHECK_FALSE(b.returns.schedule(first, LeaveReason::balked));
  CHECK_FALSE(b.returns.schedule(first, LeaveReason::answered));
  const auto last = hand_made(b.pool, 2, [](Citizen& c) { c.visit = 2; });  // max_visits 2
  CHECK_FALSE(b.returns.schedule(last, LeaveReason::incomplete));
  CHECK(b.returns.away() == 0);
}

TEST_CASE("a citizen who gave up comes back when their draw is below gave_up_return_share",
          "[model][returns]") {
  // Share 0.6: return_draw 0.59 comes back (reneged or balked alike), 0.6 does not; a return
  // after the run's last day is not scheduled but the citizen is still marked as returning
  // (pending at the end of the run).
  Bench b;
  b.params_.behaviour.gave_up_return_share = 0.6;
  b.sim.run_until(600);
  const auto keen = hand_made(b.pool, 1, [](Citizen& c) { c.visit = 1, c.return_draw = 0.59; });
  CHECK(b.returns.schedule(keen, LeaveReason::reneged));
  CHECK(b.pool[keen].returning);
  const auto tired = hand_made(b.pool, 2, [](Citizen& c) { c.visit = 1, c.return_draw = 0.6; });
  CHECK_FALSE(b.returns.schedule(tired, LeaveReason::balked));
  CHECK_FALSE(b.pool[tired].returning);
  CHECK(b.returns.away() == 1);
  b.sim.run_until(4 * 1440 + 600);  // Monday, the last day: the next working day is past the run
  const auto late = hand_made(b.pool, 3, [](Citizen& c) { c.visit = 1, c.return_draw = 0.1; });
  CHECK_FALSE(b.returns.schedule(late, LeaveReason::balked));
  CHECK(b.pool[late].returning);
}
