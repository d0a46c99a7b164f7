// Unit tests of DayCollector's columns for systems, online dossiers and back-office counter time.
#include <catch2/catch.hpp>

#include <string>

#include "sim/stats/day_collector.hpp"

using sim::model::CounterState;
using sim::model::LeaveReason;
using sim::stats::DayCollector;

namespace {
std::size_t column(std::size_t table, const std::string& name) {
  const auto& cols = DayCollector::table_defs().at(table).columns;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].name == name) return c;
  }
  FAIL("no column " << name);
  return 0;
}
constexpr std::size_t days = 0, days_by_domain = 1, counters = 3, staff = 4;

sim::model::CenterParams two_domains() {
  sim::model::CenterParams p;
  p.domains = {{"a", "A"}, {"b", "B"}};
  p.staff[0].speed = {1.0, 1.0};
  return p;
}

sim::model::Citizen citizen(std::uint32_t domain, double arrival) {
  sim::model::Citizen c;
  c.domain = c.queue = domain;
  c.arrival = c.first_arrival = arrival;
  return c;
}

sim::model::Dossier dossier(std::uint32_t domain, bool online) {
  sim::model::Dossier d;
  d.domain = domain;
  d.online = online;
  return d;
}
}  // namespace

TEST_CASE("a citizen sent home because a system was down counts as sent home in its own column",
          "[stats]") {
  const auto params = two_domains();
  DayCollector c(params, 0);
  c.on_day_start(0, 0);
  const auto x = citizen(1, 480), y = citizen(1, 485), z = citizen(0, 490);
  for (const auto* who : {&x, &y, &z}) c.on_arrival(who->arrival, *who);
  c.on_leave(500, x, LeaveReason::system_down);
  c.on_leave(505, y, LeaveReason::incomplete);
  c.on_leave(510, z, LeaveReason::system_down);
  c.on_day_end(1440, 0);
  const auto tables = c.tables();
  const auto& day = tables.at(days).at(0);
  CHECK(day[column(days, "sent_home")] == 3.0);
  CHECK(day[column(days, "sent_home_system_down")] == 2.0);
  CHECK(day[column(days, "sent_home_incomplete")] == 1.0);
  const auto& domain1 = tables.at(days_by_domain).at(1);
  CHECK(domain1[column(days_by_domain, "sent_home")] == 2.0);
  CHECK(domain1[column(days_by_domain, "sent_home_system_down")] == 1.0);
}

TEST_CASE("the online column counts received dossiers filed online, by their domain", "[stats]") {
  const auto params = two_domains();
  DayCollector c(params, 0);
  c.on_day_start(0, 0);
  c.on_dossier_received(100, dossier(1, true));
  c.on_dossier_received(200, dossier(1, true));
  c.on_dossier_received(600, dossier(0, false));  // taken at a counter: not online
  c.on_day_end(1440, 0);
  c.on_day_start(1440, 1);
  c.on_dossier_received(1500, dossier(0, true));
  c.on_day_end(2880, 1);
  const auto tables = c.tables();
  CHECK(tables.at(days).at(0)[column(days, "online")] == 2.0);
  CHECK(tables.at(days).at(1)[column(days, "online")] == 1.0);
  // days_by_domain rows: (day 0, domain 0), (day 0, domain 1), (day 1, domain 0), ...
  CHECK(tables.at(days_by_domain).at(0)[column(days_by_domain, "online")] == 0.0);
  CHECK(tables.at(days_by_domain).at(1)[column(days_by_domain, "online")] == 2.0);
  CHECK(tables.at(days_by_domain).at(2)[column(days_by_domain, "online")] == 1.0);
}

TEST_CASE("back-office minutes at a counter count as open but not busy", "[stats]") {
  const auto params = two_domains();
  DayCollector c(params, 0);
  c.on_counter_state(450, 0, 0, CounterState::idle);
  c.on_counter_state(480, 0, 0, CounterState::busy);
  c.on_counter_state(500, 0, 0, CounterState::back_office);
  c.on_counter_state(530, 0, 0, CounterState::idle);
  c.on_counter_state(540, 0, 0, CounterState::busy);
  c.on_counter_state(560, 0, 0, CounterState::back_office);
  c.on_counter_state(575, 0, 0, CounterState::closed);
  // Open 450-575 = 125; busy 20 + 20 = 40; back office 30 + 15 = 45.
  const auto tables = c.tables();
  const auto& k = tables.at(counters).at(0);
  CHECK(k[column(counters, "open")] == Approx(125.0));
  CHECK(k[column(counters, "busy")] == Approx(40.0));
  CHECK(k[column(counters, "back_office")] == Approx(45.0));
  CHECK(k[column(counters, "utilization")] == Approx(40.0 / 125.0));
  const auto& s = tables.at(staff).at(0);
  CHECK(s[column(staff, "present")] == Approx(125.0));
  CHECK(s[column(staff, "busy")] == Approx(40.0));
  CHECK(s[column(staff, "back_office")] == Approx(45.0));
  CHECK(s[column(staff, "utilization")] == Approx(40.0 / 125.0));
}

TEST_CASE("per day and per domain, service level and unserved share count the day's visits",
          "[stats]") {
  const auto params = two_domains();
  DayCollector c(params, 0, 30.0);
  c.on_day_start(0, 0);
  // Day 0, domain 0: a served after 10 min (on target), b after 40 (a miss), c reneged,
  // d turned away. Domain 1: e sent home (closing), f answered by the robot.
  auto a = citizen(0, 480), b = citizen(0, 481), r = citizen(0, 482), d = citizen(0, 483),
       e = citizen(1, 484), f = citizen(1, 485);
  for (const auto* who : {&a, &b, &r, &d, &e, &f}) c.on_arrival(who->arrival, *who);
  a.waited = 10;
  c.on_served(500, a);
  b.waited = 40;
  c.on_served(530, b);
  c.on_leave(540, r, LeaveReason::reneged);
  c.on_leave(484, d, LeaveReason::turned_away);
  c.on_leave(1000, e, LeaveReason::closing);
  c.on_leave(486, f, LeaveReason::answered);
  c.on_day_end(1440, 0);
  // Day 1: e comes back and is served at once.
  c.on_day_start(1440, 1);
  e.visit = 2;
  e.arrival = 1920;
  c.on_arrival(1920, e);
  e.waited = 0;
  c.on_served(1930, e);
  c.on_day_end(2880, 1);
  const auto tables = c.tables();
  const auto& day0 = tables.at(days).at(0);
  CHECK(day0[column(days, "turned_away")] == 1.0);
  CHECK(day0[column(days, "helped")] == 3.0);                // a, b served; f answered
  CHECK(day0[column(days, "service_level")] == 2.0 / 6.0);   // a and f (answered) of 6 visits
  CHECK(day0[column(days, "unserved_share")] == 3.0 / 6.0);  // r, d, e (not back yet)
  const auto& day1 = tables.at(days).at(1);
  CHECK(day1[column(days, "service_level")] == 1.0);
  CHECK(day1[column(days, "unserved_share")] == 0.0);
  // days_by_domain rows: (day 0, domain 0), (day 0, domain 1), ...
  const auto& d0 = tables.at(days_by_domain).at(0);
  CHECK(d0[column(days_by_domain, "service_level")] == 1.0 / 4.0);
  CHECK(d0[column(days_by_domain, "unserved_share")] == 2.0 / 4.0);
  const auto& d1 = tables.at(days_by_domain).at(1);
  CHECK(d1[column(days_by_domain, "service_level")] == 1.0 / 2.0);  // f answered
  CHECK(d1[column(days_by_domain, "unserved_share")] == 1.0 / 2.0);
  CHECK(d1[column(days_by_domain, "helped")] == 1.0);
}

TEST_CASE("a counter nobody ever sat at has utilisation 0 and is flagged, not NaN", "[stats]") {
  auto params = two_domains();
  params.counters.push_back({"2", {1}, {}, {}});
  DayCollector c(params, 0);
  c.on_counter_state(450, 0, 0, CounterState::idle);
  c.on_counter_state(480, 0, 0, CounterState::busy);
  c.on_counter_state(500, 0, 0, CounterState::closed);
  const auto tables = c.tables();
  const auto& used = tables.at(counters).at(0);
  CHECK(used[column(counters, "utilization")] == Approx(20.0 / 50.0));
  CHECK(used[column(counters, "never_open")] == 0.0);
  const auto& unused = tables.at(counters).at(1);
  CHECK(unused[column(counters, "open")] == 0.0);
  CHECK(unused[column(counters, "utilization")] == 0.0);
  CHECK(unused[column(counters, "never_open")] == 1.0);
}
