// Center model with software systems: what each outage policy does to the citizens at the
// counter, a ticket machine that hangs, and systems that never fail.
//
// As in center_calendar_test.cpp, arrivals are a non-homogeneous Poisson process, so each
// trajectory test replays the arrival (ticket) times the model drew through an independent
// oracle written from the policy's rule, with one counter, deterministic 5-minute services, no
// abandonment, and one system down (or degraded) from 09:00 to 09:40 while the morning queue
// is long. The model's service starts and ends must match the oracle's to the microsecond, and
// each test requires that some service really straddled the outage.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center.hpp"
#include "tests/support/center_recorder.hpp"

using sim::engine::Distribution;
using sim::engine::SimTime;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::CalendarSpec;
using sim::model::Center;
using sim::model::CenterParams;
using sim::model::Citizen;
using sim::model::LeaveReason;
using sim::model::OutagePolicy;
using sim::model::Session;
using sim::model::SystemEffect;
using sim::model::SystemEpisode;
using sim::model::SystemParams;
using sim::model::SystemState;

namespace {

constexpr double outage_start = 9 * 60;     // 09:00
constexpr double outage_end = 9 * 60 + 40;  // 09:40
constexpr double service = 5.0;

CenterParams morning_rush(OutagePolicy policy, SystemState state = SystemState::down,
                          double factor = 1.0) {
  CenterParams p;
  CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;  // a Monday
  spec.days = 1;  // one day: citizens sent home have no later day to come back on
  spec.sessions[0] = {Session{450, 690}, Session{810, 1020}};
  spec.ticket_stop_min[0] = 990;
  p.calendar = spec;
  p.demand.daily_visits = 30;  // 150 minutes of work arriving 08:00-09:00: a long queue
  p.demand.hourly_profile[8] = 1.0;
  p.procedures.front().service = Distribution::deterministic(service);
  p.policy.overtime_cap_min = 20 * 60;
  SystemParams sys;
  sys.id = sys.name = "one_stop_system";
  sys.on_down = policy;
  sys.paper_factor = 1.6;
  sys.episodes = {SystemEpisode{outage_start, outage_end, state, factor}};
  p.systems = {sys};
  p.procedures.front().system_ids = {0};
  return p;
}

struct Visit {
  double ticket = -1, start = -1, end = -1, left = -1;
  LeaveReason reason = LeaveReason::reneged;
  std::uint8_t effects = 0;
};

/// Every citizen's latest ticket, service start and end, and how they left, by citizen id,
/// from the shared recorder; effects of every visit together.
std::map<std::uint64_t, Visit> run(const CenterParams& p, std::uint64_t seed) {
  std::map<std::uint64_t, Visit> visits;
  for (const auto& r : test_support::record_run(p, seed).visits) {
    Visit& v = visits[r.id];
    v.ticket = r.tickets.empty() ? r.arrival : r.tickets.back().t;  // form time 0
    if (!r.calls.empty()) v.start = r.calls.back().t;
    if (!r.ends.empty()) v.end = r.ends.back().t;
    if (r.left) {
      v.left = *r.left;
      v.reason = *r.reason;
    }
    if (r.effects != 0) CHECK(r.system == 0);
    v.effects |= r.effects;
  }
  return visits;
}

/// Citizens in ticket order (one queue, one counter, FIFO).
std::vector<std::pair<std::uint64_t, Visit>> by_ticket(
    const std::map<std::uint64_t, Visit>& visits) {
  std::vector<std::pair<std::uint64_t, Visit>> v(visits.begin(), visits.end());
  std::stable_sort(v.begin(), v.end(),
                   [](auto& a, auto& b) { return a.second.ticket < b.second.ticket; });
  return v;
}

/// Clock time at which `work` minutes of service starting at t are done when the counter
/// works at rate 1 outside the outage and `rate_inside` (0 = stopped) inside it.
double finish(double t, double work, double rate_inside) {
  if (t < outage_start) {
    if (work <= outage_start - t) return t + work;
    work -= outage_start - t;
    t = outage_start;
  }
  if (t < outage_end) {
    if (rate_inside > 0.0 && work <= (outage_end - t) * rate_inside) return t + work / rate_inside;
    if (rate_inside > 0.0) work -= (outage_end - t) * rate_inside;
    t = outage_end;
  }
  return t + work;
}

Approx same_time(double t) { return Approx(t).epsilon(0.0).margin(1e-6); }

}  // namespace

TEST_CASE("policy wait: a service stops at the outage and resumes where it was at the repair",
          "[model][systems]") {
  // Oracle: start = max(ticket, counter free); the service needs 5 minutes of work done at
  // rate 1 outside 09:00-09:40 and rate 0 inside it.
  int straddled = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    double free = 0.0;
    for (const auto& [id, v] : by_ticket(run(morning_rush(OutagePolicy::wait), seed))) {
      INFO("seed " << seed << " citizen " << id);
      const double start = std::max(v.ticket, free);
      const double end = finish(start, service, 0.0);
      REQUIRE(v.start == same_time(start));
      REQUIRE(v.end == same_time(end));
      REQUIRE(v.left < 0.0);  // served
      const bool suspended = start < outage_end && end > outage_start;
      CHECK(((v.effects >> static_cast<unsigned>(SystemEffect::suspended)) & 1u) == suspended);
      straddled += start < outage_start && end > outage_end;
      free = end;
    }
  }
  CHECK(straddled == 3);  // one service per seed was cut by the outage
}

TEST_CASE(
    "policy paper: a service goes on paper at the outage, slower to its end, also after the repair",
    "[model][systems]") {
  // Oracle: a service under way at 09:00 does its remaining work at 1/1.6 of the rate to the
  // end; a service starting during the outage takes 5 x 1.6 minutes; later ones 5 minutes.
  const double paper = 1.6;
  int switched = 0, on_paper = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    double free = 0.0;
    for (const auto& [id, v] : by_ticket(run(morning_rush(OutagePolicy::paper), seed))) {
      INFO("seed " << seed << " citizen " << id);
      const double start = std::max(v.ticket, free);
      double end = start + service;
      if (start < outage_start && end > outage_start) {
        end = outage_start + (service - (outage_start - start)) * paper;
        ++switched;
      } else if (start >= outage_start && start < outage_end) {
        end = start + service * paper;
        ++on_paper;
      }
      REQUIRE(v.start == same_time(start));
      REQUIRE(v.end == same_time(end));
      REQUIRE(v.left < 0.0);
      free = end;
    }
  }
  CHECK(switched == 3);
  CHECK(on_paper >= 12);  // 40 minutes of 8-minute paper services, per seed
}

TEST_CASE(
    "policy send_home: the citizen at the counter and everyone called during the outage go home",
    "[model][systems]") {
  // Oracle: the service under way at 09:00 ends at 09:00 unserved; anyone called before
  // 09:40 is sent home at the call (the counter frees at once, so the whole queue is emptied
  // at 09:00 and each later ticket before 09:40 is turned away when it is taken).
  int at_counter = 0, turned_away = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    double free = 0.0;
    for (const auto& [id, v] : by_ticket(run(morning_rush(OutagePolicy::send_home), seed))) {
      INFO("seed " << seed << " citizen " << id);
      const double start = std::max(v.ticket, free);
      REQUIRE(v.start == same_time(start));
      if (start < outage_start && start + service > outage_start) {
        REQUIRE(v.end == same_time(outage_start));
        REQUIRE(v.left == same_time(outage_start));
        REQUIRE(v.reason == LeaveReason::system_down);
        ++at_counter;
        free = outage_start;
      } else if (start >= outage_start && start < outage_end) {
        REQUIRE(v.end == same_time(start));
        REQUIRE(v.left == same_time(start));
        REQUIRE(v.reason == LeaveReason::system_down);
        CHECK(((v.effects >> static_cast<unsigned>(SystemEffect::sent_home)) & 1u) == 1u);
        ++turned_away;
        free = start;
      } else {
        REQUIRE(v.end == same_time(start + service));
        REQUIRE(v.left < 0.0);
        free = start + service;
      }
    }
  }
  CHECK(at_counter == 3);
  CHECK(turned_away >= 15);  // the queue of 09:00 and the 09:00-09:40 walk-ins
}

TEST_CASE("a degraded system slows only the part of a service that falls inside the episode",
          "[model][systems]") {
  // Oracle: work at rate 1 outside 09:00-09:40 and 1/2 inside it.
  int straddled = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    double free = 0.0;
    for (const auto& [id, v] :
         by_ticket(run(morning_rush(OutagePolicy::wait, SystemState::degraded, 2.0), seed))) {
      INFO("seed " << seed << " citizen " << id);
      const double start = std::max(v.ticket, free);
      const double end = finish(start, service, 0.5);
      REQUIRE(v.start == same_time(start));
      REQUIRE(v.end == same_time(end));
      straddled += start < outage_start && end > outage_start;
      straddled += start < outage_end && end > outage_end;
      free = end;
    }
  }
  CHECK(straddled == 6);  // per seed, one service crosses 09:00 and one crosses 09:40
}

TEST_CASE("while the ticket machine hangs the desk issues tickets by hand, one at a time",
          "[model][systems]") {
  // Kiosk mode, one receptionist, 2 minutes per hand-written ticket. Oracle: a citizen
  // arriving during 09:00-09:40 gets the ticket at max(arrival, desk free) + 2; anyone else
  // takes it from the machine at arrival. The counter's procedure needs no system here.
  CenterParams p = morning_rush(OutagePolicy::wait);
  p.procedures.front().system_ids.clear();
  p.systems.front().id = "ticket_machine";
  p.reception.ticket_system = 0;
  p.reception.receptionists = 1;
  p.reception.manual_ticket_time = Distribution::deterministic(2.0);
  p.demand.hourly_profile[9] = 1.0;  // walk-ins during the outage too
  int by_hand = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    std::vector<std::tuple<std::uint64_t, double, double>> rows;  // id, arrival, ticket
    for (const auto& v : test_support::record_run(p, seed).visits) {
      for (const auto& t : v.tickets) rows.emplace_back(v.id, v.arrival, t.t);
    }
    std::sort(rows.begin(), rows.end(),
              [](auto& a, auto& b) { return std::get<1>(a) < std::get<1>(b); });
    double desk_free = 0.0;
    for (const auto& [id, arrived, ticket] : rows) {
      INFO("seed " << seed << " citizen " << id);
      double expected = arrived;
      if (arrived >= outage_start && arrived < outage_end) {
        expected = desk_free = std::max(arrived, desk_free) + 2.0;
        ++by_hand;
      }
      REQUIRE(ticket == same_time(expected));
    }
  }
  CHECK(by_hand >= 3);
}

TEST_CASE("a system that never fails gives the same counter results as no system at all",
          "[model][systems]") {
  // Same center twice: without systems, and with a never-failing system that every procedure
  // and the ticket machine need. Every signal, in order, must be the same.
  CenterParams none = morning_rush(OutagePolicy::send_home);
  none.demand.daily_visits = 60;
  none.demand.hourly_profile = {};
  for (int h = 7; h < 17; ++h) none.demand.hourly_profile[h] = 1.0 + (h % 3);
  none.procedures.front().service = Distribution::lognormal_median_cv(6.0, 0.7);
  none.demand.online_share = 0.2;
  none.procedures.front().online_weight = 1.0;
  none.procedures.front().dossier = true;
  none.procedures.front().back_office = Distribution::exponential(12.0);
  none.systems.clear();
  none.procedures.front().system_ids.clear();
  CenterParams steady = none;
  SystemParams sys;
  sys.id = sys.name = "steady";
  steady.systems = {sys, sys};
  steady.procedures.front().system_ids = {0};
  steady.reception.ticket_system = 1;
  steady.online.payment_system = 1;

  auto trace = [](const CenterParams& p) {
    const auto r = test_support::record_run(p, 11);
    REQUIRE(!r.dossiers_done.empty());
    return r.trace_of({"ticket", "call", "served", "leave", "dossier_done"});
  };
  const auto a = trace(none);
  const auto b = trace(steady);
  REQUIRE(a.size() > 100);
  CHECK(a == b);
}

TEST_CASE("a service suspended by an outage at closing time ends with the citizen sent home",
          "[model][systems]") {
  // Walk-ins 16:00-16:30, the system down from 16:50 to 18:00 (policy wait), no overtime.
  // Oracle: Lindley recursion until 16:50; the citizen at the counter then waits, suspended,
  // until 17:00, when the center closes and sends them home (system_down); everyone still
  // holding a ticket leaves at 17:00 too (closing).
  CenterParams p = morning_rush(OutagePolicy::wait);
  p.demand.hourly_profile = {};
  p.demand.hourly_profile[16] = 1.0;
  p.demand.daily_visits = 15;
  p.policy.closing = sim::model::PolicyParams::Closing::send_home;
  p.systems.front().episodes = {SystemEpisode{16 * 60 + 50, 18 * 60, SystemState::down, 1.0}};
  const double cut = 16 * 60 + 50, close = 17 * 60;
  int suspended = 0, closing = 0;
  for (std::uint64_t seed : {1, 2, 3}) {
    double free = 0.0;
    for (const auto& [id, v] : by_ticket(run(p, seed))) {
      INFO("seed " << seed << " citizen " << id);
      const double start = std::max(v.ticket, free);
      if (start + service <= cut) {  // served before the outage
        REQUIRE(v.end == same_time(start + service));
        free = start + service;
      } else if (start < cut) {  // at the counter when the system went down
        REQUIRE(v.start == same_time(start));
        REQUIRE(v.left == same_time(close));
        REQUIRE(v.reason == LeaveReason::system_down);
        ++suspended;
        free = close;
      } else {  // still waiting at 17:00
        REQUIRE(v.start < 0.0);
        REQUIRE(v.left == same_time(close));
        REQUIRE(v.reason == LeaveReason::closing);
        ++closing;
      }
    }
  }
  CHECK(suspended == 3);
  CHECK(closing >= 3);
}
