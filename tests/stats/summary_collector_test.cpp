// The summary collector's verdict metrics on a small trajectory computed by hand.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

#include "sim/stats/summary_collector.hpp"

using sim::model::Citizen;
using sim::model::LeaveReason;
using sim::stats::SummaryCollector;

namespace {

Citizen citizen(std::uint64_t id, double arrival) {
  Citizen c;
  c.id = id;
  c.arrival = c.first_arrival = c.ticket_time = arrival;
  return c;
}

double metric(SummaryCollector& s, const std::string& name) {
  const auto& defs = SummaryCollector::metrics();
  const auto row = s.row(0);
  for (std::size_t m = 0; m < defs.size(); ++m) {
    if (defs[m].name == name) return row[m];
  }
  FAIL("no metric " << name);
  return 0;
}

}  // namespace

TEST_CASE("service level, unserved share and helped count everyone who came", "[stats]") {
  // Eight citizens in a window [0, 1000) with a 30-minute target:
  //   a served after a 10-minute wait (on target), b served after 40 (a miss), c reneged,
  //   d balked, e turned away, f sent home then back and served after 5 (first visit a miss,
  //   return on target), g sent home and not back by the end, h answered by the robot. The
  //   model marks a departure with a return visit to come (citizen.returning): f and g.
  SummaryCollector s({0, 1000}, 1, 1, 30.0);
  auto a = citizen(0, 0), b = citizen(1, 5), c = citizen(2, 10), d = citizen(3, 15),
       e = citizen(4, 20), f = citizen(5, 25), g = citizen(6, 30), h = citizen(7, 35);
  for (auto* who : {&a, &b, &c, &d, &e, &f, &g, &h}) s.on_arrival(who->arrival, *who);
  a.waited = 10;
  s.on_served(20, a);
  b.waited = 40;
  s.on_served(60, b);
  s.on_leave(50, c, LeaveReason::reneged);
  s.on_leave(15, d, LeaveReason::balked);
  s.on_leave(20, e, LeaveReason::turned_away);
  f.returning = g.returning = true;
  s.on_leave(400, f, LeaveReason::closing);
  s.on_leave(45, g, LeaveReason::incomplete);
  s.on_leave(36, h, LeaveReason::answered);
  f.visit = 2;
  f.arrival = f.ticket_time = 500;
  s.on_arrival(500, f);
  f.waited = 5;
  s.on_served(510, f);

  CHECK(metric(s, "arrived") == 8);
  CHECK(metric(s, "returned") == 1);
  CHECK(metric(s, "served") == 3);
  CHECK(metric(s, "turned_away") == 1);
  CHECK(metric(s, "reneged") == 1);  // the turned-away citizen is not folded in here
  CHECK(metric(s, "sent_home") == 2);
  CHECK(metric(s, "sent_home_pending") == 1);  // g; f came back
  CHECK(metric(s, "gave_up") == 3);            // c, d, e
  CHECK(metric(s, "helped") == 4);             // a, b, f served; h answered
  CHECK(metric(s, "served_on_target") == 2);   // a and f's return
  // 9 visits (8 first, 1 return); hits: a, f's return, and h answered at once by the robot.
  CHECK(metric(s, "service_level") == 3.0 / 9.0);
  CHECK(metric(s, "unserved_share") == 4.0 / 8.0);  // c, d, e, g
  // Conservation: every citizen who came ends in exactly one outcome.
  CHECK(metric(s, "arrived") == metric(s, "served") + metric(s, "answered") + metric(s, "gave_up") +
                                    metric(s, "sent_home_pending"));
}

TEST_CASE("a citizen who gave up and came back to be served is not unserved", "[stats]") {
  // a reneges meaning to come back and is served on the return; b balks for good; c sent home
  // on the last visit (max_visits: not returning) gives up too. 3 citizens, 4 visits.
  SummaryCollector s({0, 1000}, 1, 1, 30.0);
  auto a = citizen(0, 0), b = citizen(1, 5), c = citizen(2, 10);
  for (auto* who : {&a, &b, &c}) s.on_arrival(who->arrival, *who);
  a.returning = true;
  s.on_leave(100, a, LeaveReason::reneged);
  s.on_leave(6, b, LeaveReason::balked);
  s.on_leave(50, c, LeaveReason::incomplete);
  a.visit = 2;
  a.returning = false;
  a.arrival = a.ticket_time = 1500;  // still followed: the window is the first arrival's
  s.on_arrival(1500, a);
  s.on_served(1510, a);
  CHECK(metric(s, "reneged") == 1);  // departures, as they happened
  CHECK(metric(s, "returned") == 1);
  CHECK(metric(s, "served") == 1);
  CHECK(metric(s, "gave_up") == 2);  // b and c
  CHECK(metric(s, "sent_home_pending") == 0);
  CHECK(metric(s, "unserved_share") == 2.0 / 3.0);
  CHECK(metric(s, "arrived") == metric(s, "served") + metric(s, "answered") + metric(s, "gave_up") +
                                    metric(s, "sent_home_pending"));
}

TEST_CASE("the day's last service end and the longest overtime are kept per day", "[stats]") {
  // Day 0: services end at 600 and 1150 (19:10); day 1: at 1440 + 1000 (16:40). Overtime of 130
  // and 20 minutes on day 0. Mean last end (1150 + 1000) / 2 = 1075, latest 1150. A service end
  // is a counter leaving busy, or reported busy again when it calls the next ticket at once
  // (CenterObserver::on_counter_state); other changes of state are not.
  using sim::model::CounterState;
  SummaryCollector s({0, 2880}, 1, 1, 30.0);
  s.on_day_start(0, 0);
  s.on_counter_state(480, 0, 0, CounterState::idle);
  s.on_counter_state(500, 0, 0, CounterState::busy);
  s.on_counter_state(600, 0, 0, CounterState::busy);  // the next ticket called at once
  s.on_counter_state(1150, 0, 0, CounterState::closed);
  s.on_overtime(1150, 0, 130);
  s.on_overtime(1040, 1, 20);
  s.on_counter_state(1200, 0, 0, CounterState::idle);  // opened again, no service: not an end
  s.on_counter_state(1210, 0, 0, CounterState::back_office);
  s.on_counter_state(1220, 0, 0, CounterState::idle);
  s.on_day_end(1440, 0);
  s.on_day_start(1440, 1);
  s.on_counter_state(1900, 0, 0, CounterState::busy);
  s.on_counter_state(2440, 0, 0, CounterState::idle);
  s.on_day_end(2880, 1);
  s.on_day_start(2880, 2);  // a closed day: no service, no value
  s.on_day_end(4320, 2);
  CHECK(metric(s, "last_service_end_mean") == 1075.0);
  CHECK(metric(s, "last_service_end_max") == 1150.0);
  CHECK(metric(s, "overtime_max") == 130.0);
  CHECK(metric(s, "overtime") == 150.0);
}

TEST_CASE("a wait exactly at the target is on target", "[stats]") {
  SummaryCollector s({0, 100}, 1, 1, 30.0);
  auto a = citizen(0, 0);
  s.on_arrival(0, a);
  a.waited = 30.0;
  s.on_served(40, a);
  CHECK(metric(s, "service_level") == 1.0);
  CHECK(metric(s, "unserved_share") == 0.0);
}

TEST_CASE("with nobody arrived the shares are undefined, not zero", "[stats]") {
  SummaryCollector s({0, 100}, 1, 1);
  CHECK(std::isnan(metric(s, "service_level")));
  CHECK(std::isnan(metric(s, "unserved_share")));
  CHECK(metric(s, "helped") == 0);
}

TEST_CASE("class and queue-time means equal separately kept moments, bit for bit, after they part",
          "[stats]") {
  // The collector keeps one set of moments while every served citizen is of one class and
  // nobody has reneged, and copies it when they part; the means must be those of moments fed
  // each stream on its own. Regular citizens first, then a priority one, then a renege.
  SummaryCollector s({0, 1000}, 1, 1, 30.0);
  sim::stats::Moments all, regular, priority, queue_time;
  const auto serve = [&](std::uint64_t id, sim::model::PriorityClass k, double wait) {
    auto c = citizen(id, 1.0 * static_cast<double>(id));
    c.priority_class = k;
    c.waited = wait;
    s.on_arrival(c.arrival, c);
    s.on_served(c.arrival + wait + 1.0, c);
    all.add(wait);
    queue_time.add(wait);
    (k == sim::model::PriorityClass::regular ? regular : priority).add(wait);
  };
  const auto exact = [&](const char* name, const sim::stats::Moments& m) {
    CHECK(std::bit_cast<std::uint64_t>(metric(s, name)) == std::bit_cast<std::uint64_t>(m.mean()));
  };
  // Waits whose running means round differently from their sums (0.1, 0.7 ...).
  const double waits[] = {0.1, 0.7, 3.3, 0.0, 12.9, 7.7, 0.3};
  std::uint64_t id = 0;
  for (double w : waits) serve(id++, sim::model::PriorityClass::regular, w);
  exact("wait_mean_regular", regular);
  exact("queue_time_mean", queue_time);
  CHECK(std::isnan(metric(s, "wait_mean_priority")));
  serve(id++, sim::model::PriorityClass::priority, 4.1);
  for (double w : waits) serve(id++, sim::model::PriorityClass::regular, w * 1.3);
  auto c = citizen(id++, 100.0);
  c.waited = 2.0;
  c.ticket_time = 100.0;
  s.on_arrival(100.0, c);
  s.on_leave(105.5, c, LeaveReason::reneged);
  queue_time.add(2.0 + 5.5);
  for (double w : waits) serve(id++, sim::model::PriorityClass::priority, w / 3.0);
  exact("wait_mean", all);
  exact("wait_mean_regular", regular);
  exact("wait_mean_priority", priority);
  exact("queue_time_mean", queue_time);
  CHECK(regular.mean() != all.mean());  // the streams really parted
  CHECK(queue_time.mean() != all.mean());
}

TEST_CASE("a station of priority citizens only reports the regular mean as undefined", "[stats]") {
  SummaryCollector s({0, 1000}, 1, 1, 30.0);
  sim::stats::Moments priority;
  for (std::uint64_t id = 0; id < 5; ++id) {
    auto c = citizen(id, static_cast<double>(id));
    c.priority_class = sim::model::PriorityClass::priority;
    c.waited = 0.3 * static_cast<double>(id);
    priority.add(c.waited);
    s.on_arrival(c.arrival, c);
    s.on_served(c.arrival + 1.0, c);
  }
  CHECK(metric(s, "wait_mean_priority") == priority.mean());
  CHECK(std::isnan(metric(s, "wait_mean_regular")));
}
