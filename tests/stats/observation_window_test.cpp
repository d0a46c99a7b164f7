// Warm-up in every collector: one ObservationWindow, hand-made signals, hand-computed results.
#include <catch2/catch.hpp>

#include <string>

#include "sim/stats/back_office_collector.hpp"
#include "sim/stats/day_collector.hpp"
#include "sim/stats/observation_window.hpp"
#include "sim/stats/summary_collector.hpp"
#include "sim/stats/system_collector.hpp"
#include "sim/stats/trace_collector.hpp"
#include "tests/support/columns.hpp"

using sim::model::Citizen;
using sim::model::CounterState;
using sim::model::SystemEffect;
using sim::model::SystemState;
using sim::stats::ObservationWindow;

namespace {
using test_support::index_of;

Citizen citizen(std::uint64_t id, double first_arrival, double arrival) {
  Citizen c;
  c.id = id;
  c.first_arrival = first_arrival;
  c.arrival = c.ticket_time = arrival;
  c.visit = first_arrival == arrival ? 1 : 2;
  return c;
}

sim::model::CenterParams one_counter_two_staff() {
  sim::model::CenterParams p;
  p.domains = {{"a", "A"}};
  p.procedures.resize(1);
  p.procedures[0].id = "p0";
  p.staff.resize(2);
  p.counters.resize(1);
  return p;
}

/// Two days of 1,440 minutes; day 0 is warm-up.
const ObservationWindow two_days_first_warm{1440.0, 2880.0, 1};
}  // namespace

TEST_CASE("a window follows a citizen by the first visit and clips intervals to itself",
          "[stats]") {
  const ObservationWindow w{100.0, 1000.0, 0};
  CHECK_FALSE(w.follows(citizen(0, 99.0, 99.0)));
  CHECK_FALSE(w.follows(citizen(0, 99.0, 500.0)));  // a return keeps the first visit's fate
  CHECK(w.follows(citizen(0, 100.0, 100.0)));
  CHECK_FALSE(w.follows(citizen(0, 1000.0, 1000.0)));  // the end is open
  CHECK(w.overlap(50.0, 150.0) == 50.0);
  CHECK(w.overlap(950.0, 1200.0) == 50.0);
  CHECK(w.overlap(10.0, 90.0) == 0.0);
  const ObservationWindow whole = 3000.0;  // a bare run end: no warm-up
  CHECK(whole.start == 0.0);
  CHECK(whole.end == 3000.0);
  CHECK(whole.reports_day(0));
}

TEST_CASE("the summary drops citizens who first came during warm-up, even when they return",
          "[stats]") {
  sim::stats::SummaryCollector s(two_days_first_warm, 1, 1, 30.0);
  // a: first visit in warm-up, returns on day 1 and is served; b: day 1, served after 10 min.
  auto a1 = citizen(0, 600.0, 600.0), a2 = citizen(0, 600.0, 2000.0), b = citizen(1, 1500, 1500);
  s.on_day_start(0.0, 0);
  s.on_arrival(600.0, a1);
  a1.returning = true;
  s.on_leave(610.0, a1, sim::model::LeaveReason::incomplete);
  s.on_overtime(1000.0, 0, 45.0);  // overtime on the warm-up day: not reported
  s.on_counter_state(990.0, 0, 0, sim::model::CounterState::busy);  // a service, 990 to 1000
  s.on_counter_state(1000.0, 0, 0, sim::model::CounterState::idle);
  s.on_day_end(1440.0, 0);
  s.on_day_start(1440.0, 1);
  s.on_arrival(1500.0, b);
  b.waited = 10.0;
  s.on_counter_state(1520.0, 0, 0, sim::model::CounterState::busy);
  s.on_counter_state(1530.0, 0, 0, sim::model::CounterState::idle);  // b's service ends
  s.on_served(1530.0, b);
  s.on_arrival(2000.0, a2);
  s.on_counter_state(2000.0, 0, 0, sim::model::CounterState::busy);
  s.on_counter_state(2010.0, 0, 0, sim::model::CounterState::idle);  // a2's
  s.on_served(2010.0, a2);
  s.on_overtime(2100.0, 0, 20.0);
  s.on_day_end(2880.0, 1);
  const auto& defs = sim::stats::SummaryCollector::metrics();
  const auto row = s.row(0);
  CHECK(row[index_of(defs, "arrived")] == 1.0);  // b only
  CHECK(row[index_of(defs, "returned")] == 0.0);
  CHECK(row[index_of(defs, "served")] == 1.0);
  CHECK(row[index_of(defs, "overtime")] == 20.0);
  CHECK(row[index_of(defs, "overtime_max")] == 20.0);
  // Day 1's last service ended at 2010 - 1440 = 570 minutes after midnight; day 0 is not seen.
  CHECK(row[index_of(defs, "last_service_end_max")] == 570.0);
  CHECK(row[index_of(defs, "window")] == 1440.0);
}

TEST_CASE("the day tables have no rows for warm-up days and count staff time from the window",
          "[stats]") {
  const auto params = one_counter_two_staff();
  sim::stats::DayCollector c(params, 0, 30.0, two_days_first_warm);
  for (std::uint32_t day = 0; day < 2; ++day) {
    const double t0 = day * 1440.0;
    c.on_day_start(t0, day);
    // Officer `day` opens the counter from 08:00 to 17:00 and works 30 minutes overtime.
    c.on_counter_state(t0 + 480.0, 0, day, CounterState::idle);
    c.on_counter_state(t0 + 1020.0, 0, sim::model::no_index, CounterState::closed);
    c.on_overtime(t0 + 1050.0, day, 30.0);
    c.on_day_end(t0 + 1440.0, day);
  }
  const auto tables = c.tables();
  const auto& defs = sim::stats::DayCollector::table_defs();
  REQUIRE(tables.at(0).size() == 1);  // /days: day 1 only, with the run's day number
  CHECK(tables.at(0).at(0)[index_of(defs.at(0).columns, "day")] == 1.0);
  CHECK(tables.at(2).size() == 96);  // /timeseries: one day of 15-minute bins
  const auto& staff_cols = defs.at(4).columns;
  const auto& staff = tables.at(4);
  CHECK(staff.at(0)[index_of(staff_cols, "present")] == 0.0);  // officer 0 sat on day 0 only
  CHECK(staff.at(0)[index_of(staff_cols, "overtime")] == 0.0);
  CHECK(staff.at(1)[index_of(staff_cols, "present")] == 540.0);
  CHECK(staff.at(1)[index_of(staff_cols, "overtime")] == 30.0);
  CHECK(tables.at(3).at(0)[index_of(defs.at(3).columns, "open")] == 540.0);  // the counter
}

TEST_CASE("system integrals and episodes start with the window and effects count followed citizens",
          "[stats]") {
  sim::stats::SystemCollector c(1, ObservationWindow{100.0, 1000.0, 0});
  c.on_system_state(50.0, 0, SystemState::down, 1.0);  // an outage that began in warm-up
  c.on_system_state(150.0, 0, SystemState::up, 1.0);
  c.on_system_state(400.0, 0, SystemState::down, 1.0);
  c.on_system_state(460.0, 0, SystemState::up, 1.0);
  c.on_system_effect(60.0, citizen(0, 60.0, 60.0), 0, SystemEffect::sent_home);
  c.on_system_effect(420.0, citizen(1, 420.0, 420.0), 0, SystemEffect::sent_home);
  c.on_system_effect(430.0, citizen(2, 60.0, 430.0), 0, SystemEffect::sent_home);  // a return
  c.finish(1000.0);
  // Down [100, 150) + [400, 460) = 110 of 900 observed minutes; one episode began inside.
  CHECK(c.down_minutes(0) == 110.0);
  CHECK(c.observed_minutes() == 900.0);
  CHECK(c.availability(0) == Approx(1.0 - 110.0 / 900.0));
  CHECK(c.outages(0) == 1);
  const auto& defs = sim::stats::SystemCollector::table_defs().at(0).columns;
  CHECK(c.tables().at(0).at(0)[index_of(defs, "citizens_sent_home")] == 1.0);
}

TEST_CASE("the back office follows dossiers received in the window and its backlog from there",
          "[stats]") {
  const auto params = one_counter_two_staff();
  sim::stats::BackOfficeCollector c(params, ObservationWindow{120.0, 600.0, 0});
  sim::model::Dossier warm, seen;
  warm.received = 30.0;
  warm.deadline = 100.0;  // late, but received in warm-up: not counted
  seen.received = 150.0;
  seen.deadline = 400.0;
  c.on_dossier_received(30.0, warm);
  c.on_backlog(30.0, 1);
  c.on_dossier_received(150.0, seen);
  c.on_backlog(150.0, 2);
  c.on_dossier_done(200.0, warm);
  c.on_backlog(200.0, 1);
  c.on_dossier_done(300.0, seen);
  c.on_backlog(300.0, 0);
  c.on_online_payment(60.0, warm, 2000.0, true);
  c.on_online_payment(160.0, seen, 4000.0, true);
  c.finish(600.0);
  CHECK(c.dossiers_received() == 1);
  CHECK(c.dossiers_completed() == 1);
  CHECK(c.dossiers_on_time() == 1);
  CHECK(c.dossiers_late() == 0);
  CHECK(c.payments_online() == 1);
  CHECK(c.payments_online_vnd() == 4000.0);  // the warm-up payment is not counted
  // Backlog over [120, 600): 1 x 30 + 2 x 50 + 1 x 100 = 230 dossier-minutes over 480.
  CHECK(c.backlog_mean() == Approx(230.0 / 480.0));
  CHECK(c.backlog_max() == 2);
  // Hourly rows: hours from 02:00 on (120 is the window's start), 8 of the 10 hours.
  CHECK(c.tables().at(1).size() == 8);
}

TEST_CASE("a trace keeps the visits of followed citizens only", "[stats]") {
  sim::stats::TraceCollector trace(ObservationWindow{100.0, 1000.0, 0});
  const auto early = citizen(0, 50.0, 50.0), back = citizen(0, 50.0, 300.0),
             late = citizen(1, 200.0, 200.0);
  for (const auto* c : {&early, &back, &late}) {
    trace.on_arrival(c->arrival, *c);
    trace.on_ticket(c->arrival, *c);
    trace.on_service_start(c->arrival + 5.0, *c, 0);
    trace.on_service_end(c->arrival + 10.0, *c, 0);
    trace.on_served(c->arrival + 10.0, *c);
  }
  const auto rows = trace.take_rows();
  REQUIRE(rows.size() == 1);
  CHECK(rows.at(0).citizen == 1);
}
