// Center model, the closing policy stop_issuing: every ticket issued is served by the cap.
//
// Arrivals are a non-homogeneous Poisson process, so, as in center_calendar_test.cpp, the rule
// is replayed on the arrival times the model drew: one counter, a fixed 10-minute service and
// no patience, so the ticket machine's estimate of a new ticket's finish is now + (tickets
// waiting) x 10 minutes + 5 minutes while the counter is busy (a fixed 10-minute service seen in
// progress has 100 / (2 x 10) = 5 minutes left on average) + the ticket's own 10 minutes
// (straight on past 17:00; nobody is in the priority class, so no priority work is expected to
// pass it: counter_service_test.cpp checks that term by hand), and a ticket is refused
// exactly when that passes the cap. Several seeds; the test requires that they really refused
// tickets and worked overtime, so it cannot pass vacuously.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "sim/model/center_params.hpp"
#include "sim/model/work_calendar.hpp"
#include "tests/support/center_recorder.hpp"

using sim::engine::Distribution;
using sim::model::CenterParams;
using sim::model::LeaveReason;
using sim::model::PolicyParams;
using sim::model::Session;
using sim::model::WorkCalendar;
using test_support::VisitRecord;

namespace {

constexpr int close_pm = 17 * 60;           // 1020
constexpr int overtime_cap = 17 * 60 + 45;  // 1065
constexpr double service = 10.0;
constexpr std::uint64_t seeds = 8;

/// Monday 08/09/2025, 07:30-11:30 and 13:30-17:00, tickets until 16:30; one counter, one
/// domain, 10-minute service; 30 visits expected, all between 15:00 and 16:00: more than the
/// 16 services that fit from 15:00 to the 17:45 cap.
CenterParams late_crowd(PolicyParams::Closing closing) {
  CenterParams p;
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.days = 1;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{450, 690}, Session{810, close_pm}};
    spec.ticket_stop_min[w] = 990;
  }
  p.calendar = spec;
  p.procedures.front().service = Distribution::deterministic(service);
  p.demand.daily_visits = 30.0;
  p.demand.hourly_profile[15] = 1.0;
  p.policy.closing = closing;
  p.policy.overtime_cap_min = overtime_cap;
  return p;
}

/// Tickets waiting at time t: taken before t and not yet called (a call at t comes first: a
/// service end is handled before a simultaneous arrival).
std::size_t waiting_at(const test_support::CenterRecorder& r, double t,
                       bool priority_only = false) {
  std::size_t n = 0;
  for (const auto& v : r.visits) {
    if (priority_only && !v.priority) continue;
    if (!v.tickets.empty() && v.tickets.front().t < t && (v.calls.empty() || v.calls.front().t > t))
      ++n;
  }
  return n;
}

/// Whether the counter is serving at time t: a call at or before t whose service ends after t.
bool busy_at(const test_support::CenterRecorder& r, double t) {
  for (const auto& v : r.visits) {
    for (std::size_t k = 0; k < v.calls.size() && k < v.ends.size(); ++k)
      if (v.calls[k].t <= t && v.ends[k].t > t) return true;
  }
  return false;
}

}  // namespace

TEST_CASE(
    "under stop_issuing the machine refuses exactly the tickets that would end past the cap and "
    "every ticket it issues is served",
    "[model][center]") {
  const auto p = late_crowd(PolicyParams::Closing::stop_issuing);
  const double cap = WorkCalendar::time_of(0, overtime_cap);
  std::size_t refused = 0, overtime = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = test_support::record_run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " arrived at " << v.arrival);
      const double in_progress = busy_at(r, v.arrival) ? service / 2.0 : 0.0;
      const double expected_finish = v.arrival +
                                     static_cast<double>(waiting_at(r, v.arrival)) * service +
                                     in_progress + service;
      if (v.tickets.empty()) {
        REQUIRE(v.reason);
        CHECK(*v.reason == LeaveReason::after_hours);
        CHECK(expected_finish > cap);
        ++refused;
      } else {
        CHECK(expected_finish <= cap);
        CHECK(v.served);  // nobody who took a ticket is sent home at the cap
      }
    }
    for (const auto& o : r.overtime) overtime += o.minutes > 0;
    CHECK(r.inside_after_run == 0);
  }
  CHECK(refused > 0);
  CHECK(overtime > 0);
}

TEST_CASE(
    "with priority visitors the machine refuses exactly the tickets whose expected finish, "
    "stretched by the priority work expected to arrive, passes the cap",
    "[model][center]") {
  // 10 % of the crowd is priority: 30 visits an hour x 0.1 x 10 minutes = a = 0.5 minutes of
  // priority work arriving a minute until the last arrival at 16:00. The machine asks for a
  // regular ticket's estimate: the work ahead W (as above) drains at 1 - 0.5 a minute until
  // 16:00, at 1 after it, so the call comes after W / 0.5 if that ends by 16:00, else after
  // W + 0.5 x (minutes left to 16:00); then the ticket's own 10 minutes. A priority visitor is
  // called before every regular ticket, so the machine asks for a priority ticket's estimate:
  // the priority tickets ahead, the service in progress and its own, with no later arrivals.
  auto p = late_crowd(PolicyParams::Closing::stop_issuing);
  p.priority_share = 0.1;
  const double cap = WorkCalendar::time_of(0, overtime_cap), last_arrival = 16 * 60;
  const double a = 30.0 / 60.0 * p.priority_share * service;
  std::size_t refused = 0, issued = 0, priority_issued_late = 0;
  const auto stretch = [&](double work, double window) {
    return work / (1.0 - a) <= window ? work / (1.0 - a) : work + a * window;
  };
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = test_support::record_run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " arrived at " << v.arrival << (v.priority ? " (priority)" : ""));
      const double in_progress = busy_at(r, v.arrival) ? service / 2.0 : 0.0;
      const double all_ahead =
          static_cast<double>(waiting_at(r, v.arrival)) * service + in_progress;
      const double work =
          static_cast<double>(waiting_at(r, v.arrival, v.priority)) * service + in_progress;
      const double window = std::max(0.0, last_arrival - v.arrival);
      const double call = v.priority ? work : stretch(work, window);
      const double expected_finish = v.arrival + call + service;
      if (v.tickets.empty()) {
        CHECK(expected_finish > cap);
        ++refused;
      } else {
        CHECK(expected_finish <= cap);
        ++issued;
        if (v.priority && v.arrival + stretch(all_ahead, window) + service > cap)
          ++priority_issued_late;
      }
    }
  }
  CHECK(refused > 0);
  CHECK(issued > 0);
  CHECK(priority_issued_late > 0);  // the case a regular ticket's estimate would have refused
}

TEST_CASE("under plain overtime the same crowd gets tickets and some are sent home at the cap",
          "[model][center]") {
  // The contrast: without the early stop every citizen gets a ticket, the counter works until
  // 17:45 and whoever is still waiting then goes home (reason closing).
  const auto p = late_crowd(PolicyParams::Closing::overtime);
  std::size_t sent_home_at_cap = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    const auto r = test_support::record_run(p, seed);
    for (const auto& v : r.visits) {
      CHECK_FALSE(v.tickets.empty());
      if (v.reason == LeaveReason::closing) {
        CHECK(*v.left == WorkCalendar::time_of(0, overtime_cap));
        ++sent_home_at_cap;
      }
    }
  }
  CHECK(sent_home_at_cap > 0);
}
