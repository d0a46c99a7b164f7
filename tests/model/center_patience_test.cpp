// Center model, patience with a ticket: from the expected call, and no-shows when called.
//
// As in center_closing_test.cpp, the rules are replayed on the arrival times the model drew: one
// counter, a fixed 10-minute service, everyone between 15:00 and 16:00, overtime until 21:00
// (nobody is sent home at the cap). The machine's expected call of a new ticket is
// ticket + (tickets still waiting) x 10 minutes + 5 minutes for the service in progress (a
// fixed 10-minute service seen at a random moment has 100 / (2 x 10) = 5 minutes left on
// average; the machine does not look at when it started), and after 17:00 the counter goes
// straight on. Nobody is in the priority class, so the machine expects no priority work to
// pass a regular ticket (counter_service_test.cpp checks that term by hand). So a holder whose
// patience runs from it leaves exactly at that time + patience, and one who is called is called by
// then.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>

#include "sim/model/center_params.hpp"
#include "tests/support/center_recorder.hpp"

using sim::engine::Distribution;
using sim::model::BehaviourParams;
using sim::model::CenterParams;
using sim::model::LeaveReason;
using sim::model::PolicyParams;
using sim::model::Session;

namespace {

constexpr double service = 10.0;
constexpr double patience = 4.0;
constexpr std::uint64_t seeds = 6;

/// Monday 08/09/2025, 07:30-11:30 and 13:30-17:00, tickets until 16:30, overtime until 21:00;
/// one counter, one domain; 30 visits expected between 15:00 and 16:00.
CenterParams late_crowd() {
  CenterParams p;
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.days = 1;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{450, 690}, Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  p.calendar = spec;
  p.procedures.front().service = Distribution::deterministic(service);
  p.demand.daily_visits = 30.0;
  p.demand.hourly_profile[15] = 1.0;
  p.policy.closing = PolicyParams::Closing::overtime;
  p.policy.overtime_cap_min = 21 * 60;
  p.patience = Distribution::deterministic(patience);
  p.behaviour.patience_from = BehaviourParams::PatienceFrom::expected_call;
  return p;
}

/// Tickets waiting when a ticket is taken at t: taken before t, not called and not gone by t
/// (with `priority_only`, those of priority holders only).
std::size_t waiting_at(const test_support::CenterRecorder& r, double t,
                       bool priority_only = false) {
  std::size_t n = 0;
  for (const auto& v : r.visits) {
    if (v.tickets.empty() || v.tickets.front().t >= t || (priority_only && !v.priority)) continue;
    const bool called = !v.calls.empty() && v.calls.front().t <= t;
    const bool gone = v.left && *v.left <= t;
    n += !called && !gone;
  }
  return n;
}

}  // namespace

TEST_CASE(
    "with patience from the expected call a ticket holder leaves exactly patience minutes after "
    "the call the machine let them expect, and is otherwise called by then",
    "[model][center][patience]") {
  const auto p = late_crowd();
  std::size_t reneged = 0, served_after_patience = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = test_support::record_run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " took a ticket at " << v.tickets.front().t);
      const double ticket = v.tickets.front().t;
      // A holder who queued found the counter busy: the service in progress adds service / 2.
      const double expected_call =
          ticket + static_cast<double>(waiting_at(r, ticket)) * service + service / 2.0;
      if (v.reason == LeaveReason::reneged) {
        REQUIRE(v.left);
        CHECK(*v.left == Approx(expected_call + patience).margin(1e-9));
        ++reneged;
      } else {
        REQUIRE(v.served);
        REQUIRE_FALSE(v.calls.empty());
        CHECK(v.calls.front().t <= expected_call + patience + 1e-9);
        // Waited longer than the patience counted from the ticket would have allowed.
        served_after_patience += v.calls.front().t - ticket > patience;
      }
    }
  }
  // Both outcomes happen: the rule is exercised, not vacuously true.
  CHECK(reneged > 0);
  CHECK(served_after_patience > 0);
}

TEST_CASE(
    "with priority visitors a regular holder's expected call is stretched by the priority work "
    "expected to arrive, and a priority holder's counts only the priority tickets ahead",
    "[model][center][patience]") {
  // 20 % of the crowd is priority: 30 visits an hour x 0.2 x 10 minutes = a = 1 minute of
  // priority work arriving a minute, as much as the counter clears, until the last arrival at
  // 16:00. A regular holder's work ahead W (every ticket waiting x 10, + 5 while busy) is
  // cleared after W + a x (minutes left to 16:00); a priority holder's after its priority
  // tickets waiting x 10, + 5 while busy.
  auto p = late_crowd();
  p.priority_share = 0.2;
  const double a = 30.0 / 60.0 * p.priority_share * service, last_arrival = 16 * 60;
  std::size_t reneged[2] = {0, 0};
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = test_support::record_run(p, seed);
    for (const auto& v : r.visits) {
      const double ticket = v.tickets.front().t;
      INFO("citizen " << v.id << " (priority " << v.priority << ") took a ticket at " << ticket);
      const double work =
          static_cast<double>(waiting_at(r, ticket, v.priority)) * service + service / 2.0;
      const double expected_call =
          ticket + (v.priority ? work : work + a * std::max(0.0, last_arrival - ticket));
      if (v.reason == LeaveReason::reneged) {
        REQUIRE(v.left);
        CHECK(*v.left == Approx(expected_call + patience).margin(1e-9));
        ++reneged[v.priority];
      } else {
        REQUIRE_FALSE(v.calls.empty());
        CHECK(v.calls.front().t <= expected_call + patience + 1e-9);
      }
    }
  }
  // Holders of both classes ran out of patience: both estimates were exercised.
  CHECK(reneged[0] > 0);
  CHECK(reneged[1] > 0);
}

TEST_CASE(
    "a ticket holder who is not there when called costs the counter no_show_min and leaves "
    "reneged, flagged as a no-show",
    "[model][center][patience]") {
  // Everyone is absent when called and nobody's patience runs out: every call lasts exactly one
  // minute, so the counter calls its tickets one minute apart and serves nobody.
  auto p = late_crowd();
  p.patience.reset();
  p.behaviour.no_show_share = 1.0;
  p.behaviour.no_show_min = 1.0;
  const auto r = test_support::record_run(p, 3);
  REQUIRE(r.visits.size() > 5);
  for (const auto& v : r.visits) {
    INFO("citizen " << v.id);
    REQUIRE(v.calls.size() == 1);
    REQUIRE(v.ends.size() == 1);
    CHECK(v.ends.front().t - v.calls.front().t == Approx(1.0));
    CHECK_FALSE(v.served);
    CHECK(v.reason == LeaveReason::reneged);
    CHECK(*v.left == v.ends.front().t);
  }
}
