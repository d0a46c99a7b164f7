// Center model, calendar form: lunch, closing, overtime, return visits, misrouting, staff skills,
// counter calling rules, the daily ticket cap, holidays and the arrival profile.
//
// Calendar-form arrivals are a non-homogeneous Poisson process, so no test can fix arrival
// times in advance. The trajectory tests therefore use deterministic service and decisions
// (every share 0 or 1) and an independent oracle: the rule each mechanism should follow is
// worked out by hand in a comment, written out in the test as a few lines of arithmetic
// (mostly a Lindley recursion, call = max(ticket, counter free), plus the session rules), and
// replayed on the arrival times the model actually drew. Each test runs a handful of seeds
// and requires that the seeds really exercised the mechanism (someone waited at 11:30, someone
// was sent home at the cap...), so a test cannot pass vacuously. Mechanisms that do not depend
// on the calendar (misrouting, skills) are also checked on the station form, where arrivals
// are deterministic and the whole trajectory is written out by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/arrival_profile.hpp"
#include "sim/model/center.hpp"
#include "sim/model/work_calendar.hpp"
#include "tests/support/center_recorder.hpp"
#include "tests/support/tolerance.hpp"

using sim::engine::Distribution;
using sim::engine::SimTime;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::ArrivalProfile;
using sim::model::CalendarSpec;
using sim::model::Center;
using sim::model::CenterParams;
using sim::model::CounterParams;
using sim::model::CounterState;
using sim::model::Date;
using sim::model::DayPlan;
using sim::model::DemandParams;
using sim::model::DomainParams;
using sim::model::LeaveReason;
using sim::model::PolicyParams;
using sim::model::ProcedureParams;
using sim::model::ReceptionParams;
using sim::model::Session;
using sim::model::StaffParams;
using sim::model::WorkCalendar;

namespace {

// ---------------------------------------------------------------------------------------------
// The office used throughout: Monday to Friday 07:30-11:30 and 13:30-17:00, tickets until 16:30.

const Date monday_8_sep_2025 = std::chrono::year{2025} / 9 / 8;
const Date friday_12_sep_2025 = std::chrono::year{2025} / 9 / 12;

constexpr int open_am = 7 * 60 + 30;        // 450
constexpr int close_am = 11 * 60 + 30;      // 690
constexpr int open_pm = 13 * 60 + 30;       // 810
constexpr int close_pm = 17 * 60;           // 1020
constexpr int ticket_stop = 16 * 60 + 30;   // 990
constexpr int overtime_cap = 17 * 60 + 45;  // 1065
constexpr double inf = std::numeric_limits<double>::infinity();

double at(std::uint32_t day, int minute) { return WorkCalendar::time_of(day, minute); }
std::uint32_t day_of(double t) { return static_cast<std::uint32_t>(std::floor(t / 1440.0)); }
Approx same_time(double t) { return Approx(t).epsilon(0.0).margin(1e-6); }

CalendarSpec office_calendar(Date start, std::uint32_t days) {
  CalendarSpec spec;
  spec.start = start;
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{open_am, close_am}, Session{open_pm, close_pm}};
    spec.ticket_stop_min[w] = ticket_stop;
  }
  return spec;
}

/// One domain, one procedure of fixed service time, one counter with one civil servant, and
/// all of the day's demand in one clock hour (its open part before the ticket stop).
CenterParams one_counter_center(CalendarSpec spec, int busy_hour, double daily_visits,
                                double service) {
  CenterParams p;
  p.procedures.front().service = Distribution::deterministic(service);
  p.calendar = std::move(spec);
  p.demand.daily_visits = daily_visits;
  p.demand.hourly_profile[busy_hour] = 1.0;
  p.policy.overtime_cap_min = overtime_cap;
  return p;
}

/// Two domains; a procedure per domain with the given shares and a fixed service time.
void two_domains(CenterParams& p, double share0, double share1, double service) {
  p.domains = {DomainParams{"civil", "civil status"},
               DomainParams{"land", "land and construction"}};
  p.procedures.clear();
  for (std::uint32_t d = 0; d < 2; ++d) {
    ProcedureParams proc;
    proc.id = "p" + std::to_string(d);
    proc.domain = d;
    proc.share = d == 0 ? share0 : share1;
    proc.service = Distribution::deterministic(service);
    if (proc.share > 0.0) p.procedures.push_back(proc);
  }
}

StaffParams staff_at(std::uint32_t counter, std::vector<double> speed) {
  StaffParams s;
  s.name = "staff " + std::to_string(counter);
  s.counter = counter;
  s.speed = std::move(speed);
  return s;
}

// ---------------------------------------------------------------------------------------------
// The shared recorder: every signal, grouped by visit (a citizen's return is a new visit, same id).

using Recorder = test_support::CenterRecorder;
using Visit = test_support::VisitRecord;
using Overtime = test_support::OvertimeRecord;
using test_support::DayTally;
using test_support::reason_name;

Recorder run(const CenterParams& params, std::uint64_t seed) {
  return test_support::record_run(params, seed);
}

std::vector<double> arrival_times(const std::vector<const Visit*>& visits) {
  std::vector<double> t;
  for (const auto* v : visits) t.push_back(v->arrival);
  return t;
}

// ---------------------------------------------------------------------------------------------
// The by-hand oracle for one counter on one day of the office above.

/// What should become of one ticket: called and done, or sent away at a time for a reason.
struct Fate {
  std::optional<double> call, done;
  std::optional<double> left;
  std::optional<LeaveReason> reason;
};

/// One counter calling FIFO on `day`, tickets in time order, fixed service per ticket:
///   call = max(ticket, counter free)                       (Lindley recursion)
///   a call falling in the lunch break [11:30, 13:30):  wait policy  -> called at 13:30;
///                                                      leave policy -> leaves at 11:30 (lunch)
///   a call at or after the time the counter stops calling (17:00 under send-home, the
///   overtime cap under overtime)                       -> leaves then (closing)
///   a service already started is never cut.
std::vector<Fate> one_counter_by_hand(const std::vector<double>& tickets,
                                      const std::vector<double>& service, std::uint32_t day,
                                      const PolicyParams& policy) {
  // stop_issuing calls like overtime (its early ticket stop is center_closing_test.cpp's).
  const bool overtime =
      policy.closing != PolicyParams::Closing::send_home && policy.overtime_cap_min > close_pm;
  const double stop_calling = overtime ? at(day, policy.overtime_cap_min) : at(day, close_pm);
  double free = -inf;
  std::vector<Fate> fates;
  for (std::size_t i = 0; i < tickets.size(); ++i) {
    Fate f;
    double call = std::max(tickets[i], free);
    if (call >= at(day, close_am) && call < at(day, open_pm)) {
      if (policy.lunch == PolicyParams::Lunch::leave_and_return) {
        f.left = at(day, close_am);
        f.reason = LeaveReason::lunch;
        fates.push_back(f);
        continue;
      }
      call = at(day, open_pm);
    }
    if (call >= stop_calling) {
      f.left = stop_calling;
      f.reason = LeaveReason::closing;
      fates.push_back(f);
      continue;
    }
    f.call = call;
    f.done = free = call + service[i];
    fates.push_back(f);
  }
  return fates;
}

/// Asserts that each visit went as its fate says, called (if at all) at `counter`.
void check_fates(const std::vector<const Visit*>& visits, const std::vector<Fate>& fates,
                 std::uint32_t counter = 0) {
  REQUIRE(visits.size() == fates.size());
  for (std::size_t i = 0; i < visits.size(); ++i) {
    const Visit& v = *visits[i];
    const Fate& f = fates[i];
    INFO("citizen " << v.id << " visit " << v.visit << " arrived at " << v.arrival);
    if (f.call) {
      REQUIRE(v.calls.size() == 1);
      REQUIRE(v.ends.size() == 1);
      CHECK(v.calls[0].where == counter);
      CHECK(v.calls[0].t == same_time(*f.call));
      CHECK(v.ends[0].t == same_time(*f.done));
      REQUIRE(v.served);
      CHECK(*v.served == same_time(*f.done));
      CHECK_FALSE(v.reason);
    } else {
      CHECK(v.calls.empty());
      REQUIRE(v.reason);
      CHECK(reason_name(*v.reason) == std::string(reason_name(*f.reason)));
      CHECK(*v.left == same_time(*f.left));
    }
  }
}

/// Every day of a one-counter run against the oracle (days without sessions must be empty).
std::vector<Fate> check_one_counter_run(const Recorder& r, const CenterParams& p, double service) {
  const WorkCalendar cal(*p.calendar);
  std::vector<Fate> all;
  for (std::uint32_t d = 0; d < cal.days(); ++d) {
    const auto visits = r.arriving_on(d);
    INFO("day " << d);
    if (!cal.day(d).working) {
      CHECK(visits.empty());
      continue;
    }
    const auto fates = one_counter_by_hand(
        arrival_times(visits), std::vector<double>(visits.size(), service), d, p.policy);
    check_fates(visits, fates);
    all.insert(all.end(), fates.begin(), fates.end());
  }
  return all;
}

/// Every citizen who left for a reason that brings them back must arrive again, visit + 1, on
/// the return_after_working_days-th working day after, inside that day's busy window
/// [from, to) (where the profile puts the day's arrivals) - unless they have used up
/// max_visits or that day lies past the end of the run, in which case they never come back.
void check_returns(const Recorder& r, const CenterParams& p, int from_min, int to_min) {
  const WorkCalendar cal(*p.calendar);
  for (const auto& v : r.visits) {
    if (!v.reason || !sim::model::returns_later(*v.reason)) continue;
    std::optional<std::uint32_t> day = v.day;
    for (int n = 0; day && n < p.policy.return_after_working_days; ++n)
      day = cal.next_working_day(*day);
    const Visit* again = r.find(v.id, v.visit + 1);
    INFO("citizen " << v.id << " left on day " << v.day << " (visit " << v.visit << ", "
                    << reason_name(*v.reason) << ")");
    if (v.visit < p.policy.max_visits && day) {
      REQUIRE(again != nullptr);
      CHECK(again->day == *day);
      CHECK(again->arrival >= at(*day, from_min));
      CHECK(again->arrival < at(*day, to_min));
    } else {
      CHECK(again == nullptr);
    }
  }
}

/// The overtime a day should report: one signal at the end of the last service if that ends
/// after 17:00, minutes = end - 17:00; none otherwise.
void check_overtime(const Recorder& r, const std::vector<Fate>& fates_of_day, std::uint32_t day) {
  double last_end = -inf;
  for (const auto& f : fates_of_day) {
    if (f.done) last_end = std::max(last_end, *f.done);
  }
  std::vector<Overtime> reported;
  for (const auto& o : r.overtime) {
    if (day_of(o.t) == day) reported.push_back(o);
  }
  INFO("day " << day << ", last service ends at " << last_end);
  if (last_end > at(day, close_pm)) {
    REQUIRE(reported.size() == 1);
    CHECK(reported[0].t == same_time(last_end));
    CHECK(reported[0].staff == 0);
    CHECK(reported[0].minutes == same_time(last_end - at(day, close_pm)));
  } else {
    CHECK(reported.empty());
  }
}

constexpr std::uint64_t seeds = 8;

}  // namespace

// =============================================================================================
// 1. Lunch

TEST_CASE(
    "citizens waiting when the morning session closes are called from 13:30 under the wait policy",
    "[model][center]") {
  // One counter, 10-minute service, all arrivals between 11:00 and 11:30 (Monday only).
  // By hand, for arrivals at 11:05, 11:08, 11:12 and 11:26:
  //   11:05 called at 11:05, done 11:15;  11:08 called 11:15, done 11:25;
  //   11:12 called 11:25, still at the counter at 11:30: finishes at 11:35 (not cut);
  //   11:26 is waiting at 11:30 and stays: called when the afternoon opens, 13:30, done 13:40.
  // Nobody is called between 11:30 and 13:30. The oracle replays this on the drawn arrivals.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 1), 11, 8.0, 10.0);
  p.policy.lunch = PolicyParams::Lunch::wait;
  bool cut_across_lunch = false, waited_through_lunch = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    const auto fates = check_one_counter_run(r, p, 10.0);
    for (const auto& f : fates) {
      cut_across_lunch |= f.call && *f.call < at(0, close_am) && *f.done > at(0, close_am);
      waited_through_lunch |= f.call && *f.call == at(0, open_pm);
    }
    for (const auto& v : r.visits) {
      for (const auto& c : v.calls) CHECK_FALSE((c.t >= at(0, close_am) && c.t < at(0, open_pm)));
    }
    CHECK(r.inside_after_run == 0);
  }
  CHECK(cut_across_lunch);
  CHECK(waited_through_lunch);
}

TEST_CASE(
    "citizens waiting at 11:30 leave for lunch and come back on the next working day under "
    "leave-and-return",
    "[model][center]") {
  // As above on Monday and Tuesday, lunch = leave_and_return. By hand, for 11:05, 11:08,
  // 11:12, 11:26: the first three as above (11:12 is at the counter at 11:30 and finishes at
  // 11:35); 11:26 leaves at 11:30 with reason lunch and returns on Tuesday (visit 2), inside
  // Tuesday's 11:00-11:30 window, where it queues with Tuesday's own arrivals by arrival
  // time. Tuesday's lunch leavers would return on Wednesday, past the run: they never return.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 11, 8.0, 10.0);
  p.policy.lunch = PolicyParams::Lunch::leave_and_return;
  bool returned = false, served_on_return = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    check_one_counter_run(r, p, 10.0);
    check_returns(r, p, 11 * 60, close_am);
    for (const auto& v : r.visits) {
      if (v.visit == 2) {
        returned = true;
        CHECK(v.day == 1);
        served_on_return |= v.served.has_value();
      }
      if (v.reason) CHECK(*v.reason == LeaveReason::lunch);
    }
    CHECK(r.inside_after_run == 0);
  }
  CHECK(returned);
  CHECK(served_on_return);
}

// =============================================================================================
// 2-3. Closing

namespace {
/// The closing tests' common check of one day: the model's fates of that day's visits equal
/// the one-counter oracle's (10-minute service), and overtime is reported as the oracle says.
template <class Run>
auto checked_closing_day(const Run& r, const CenterParams& p, std::uint32_t d) {
  const auto visits = r.arriving_on(d);
  const auto fates = one_counter_by_hand(arrival_times(visits),
                                         std::vector<double>(visits.size(), 10.0), d, p.policy);
  check_fates(visits, fates);
  check_overtime(r, fates, d);
  return fates;
}
}  // namespace

TEST_CASE(
    "under overtime closing the tickets waiting at 17:00 are served until the cap and the rest "
    "come back the next day",
    "[model][center]") {
  // One counter, 10-minute service, all arrivals 16:00-16:30 (ticket stop), Monday and Tuesday;
  // closing = overtime, cap 17:45. By hand, for twelve arrivals at 16:00, 16:01, ..., 16:11:
  //   calls at 16:00, 16:10, ..., 16:50 (the first six), then - waiting at 17:00, kept on -
  //   the 7th at 17:00, 8th 17:10, 9th 17:20, 10th 17:30, 11th 17:40 (< 17:45, done 17:50);
  //   the 12th would be called at 17:50 >= cap: it leaves at 17:45 with reason closing and
  //   returns on Tuesday (visit 2) between 16:00 and 16:30.
  //   on_overtime reports once, for staff 0, at 17:50: 50 minutes (last end - 17:00).
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 16, 14.0, 10.0);
  p.policy.closing = PolicyParams::Closing::overtime;
  bool served_overtime = false, sent_home_at_cap = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    for (std::uint32_t d = 0; d < 2; ++d) {
      const auto fates = checked_closing_day(r, p, d);
      for (const auto& f : fates) {
        served_overtime |= f.call && *f.call >= at(d, close_pm);
        sent_home_at_cap |= f.left && *f.left == at(d, overtime_cap);
      }
    }
    check_returns(r, p, 16 * 60, ticket_stop);
    CHECK(r.inside_after_run == 0);
  }
  CHECK(served_overtime);
  CHECK(sent_home_at_cap);
}

TEST_CASE(
    "under send-home closing everyone still waiting at 17:00 leaves and comes back the next "
    "working day",
    "[model][center]") {
  // As above with closing = send_home. By hand, for ten arrivals at 16:05, 16:06, ..., 16:14:
  //   calls at 16:05, 16:15, 16:25, 16:35, 16:45, 16:55; the 6th is at the counter at 17:00
  //   and finishes at 17:05 (not cut; on_overtime reports 5 minutes for staff 0 at 17:05);
  //   the 7th-10th are waiting at 17:00: they leave at 17:00 with reason closing (nobody is
  //   called after 17:00) and come back on Tuesday (visit 2) between 16:00 and 16:30.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 16, 14.0, 10.0);
  p.policy.closing = PolicyParams::Closing::send_home;
  bool sent_home = false, finished_after_close = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    for (std::uint32_t d = 0; d < 2; ++d) {
      const auto fates = checked_closing_day(r, p, d);
      for (const auto& f : fates) {
        sent_home |= f.left && *f.left == at(d, close_pm);
        finished_after_close |= f.done && *f.done > at(d, close_pm);
        CHECK_FALSE((f.call && *f.call >= at(d, close_pm)));
      }
    }
    check_returns(r, p, 16 * 60, ticket_stop);
    CHECK(r.inside_after_run == 0);
  }
  CHECK(sent_home);
  CHECK(finished_after_close);
}

// =============================================================================================
// 4. Return visits across days and weekends

TEST_CASE(
    "citizens sent home on a Friday come back on Monday with their visit count raised and give up "
    "after max_visits",
    "[model][center]") {
  // Friday 12 Sep 2025 to Tuesday 16 Sep: Fri, (Sat, Sun closed), Mon, Tue. One counter,
  // 10-minute service, ~12 arrivals between 16:00 and 16:30, send-home closing, max_visits 2.
  // By hand: about 6 are served on Friday, the rest leave at 17:00 (closing, visit 1) and
  // come back on Monday as visit 2 (with return_after_working_days = 2: on Tuesday); nothing
  // happens on Saturday or Sunday. On Monday the returners queue with Monday's own arrivals;
  // a visit-2 citizen sent home again has used max_visits = 2 and never comes back, while a
  // visit-1 citizen sent home on Monday comes back on Tuesday as visit 2.
  for (int after : {1, 2}) {
    auto p = one_counter_center(office_calendar(friday_12_sep_2025, 5), 16, 12.0, 10.0);
    p.policy.closing = PolicyParams::Closing::send_home;
    p.policy.max_visits = 2;
    p.policy.return_after_working_days = after;
    const std::uint32_t return_day = after == 1 ? 3 : 4;  // Monday or Tuesday
    bool friday_to_return_day = false, gave_up = false;
    for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
      INFO("return after " << after << " working days, seed " << seed);
      const auto r = run(p, seed);
      check_one_counter_run(r, p, 10.0);
      check_returns(r, p, 16 * 60, ticket_stop);
      for (const auto& c : r.counter_changes) CHECK((day_of(c.t) != 1 && day_of(c.t) != 2));
      for (const auto& v : r.visits) {
        CHECK(v.visit <= 2);
        if (v.visit == 2 && r.find(v.id, 1)->day == 0) {
          CHECK(v.day == return_day);
          friday_to_return_day = true;
        }
        // A second-visit citizen sent home while a later working day is still in the run.
        gave_up |= v.visit == 2 && v.reason && v.day == 3;
      }
      CHECK(r.inside_after_run == 0);
    }
    CHECK(friday_to_return_day);
    if (after == 1) CHECK(gave_up);
  }
}

// =============================================================================================
// 5. Misrouting

TEST_CASE(
    "a wrong pick is found out at the wrong domain's counter and re-ticketed to the right one "
    "(station form)",
    "[model][center]") {
  // Station form, exact by hand. Two domains; the only procedure is in domain 1; counter 0
  // (A) calls domain 0 only, counter 1 (B) domain 1 only; wrong_pick_share 1, so with two
  // domains everyone picks domain 0; misroute 1 min, service 3 min; arrivals at 2 and 4.
  //   t=2 citizen 0 arrives, ticket q0, A idle: called @0; t=3 A finds the mistake (done @0),
  //       new ticket q1, B idle: called @1, done at 6, served.
  //   t=4 citizen 1 arrives, ticket q0, called @0; t=5 done @0, ticket q1, B busy: waits.
  //   t=6 B done with 0 (served), calls 1 at once; t=9 done, served. Citizen 1 waited 1 min.
  auto p = sim::model::station_params(2, Distribution::deterministic(2.0),
                                      Distribution::deterministic(3.0), std::nullopt, 0.0, 4.5);
  p.domains = {DomainParams{"civil", "civil status"}, DomainParams{"land", "land"}};
  p.procedures.front().domain = 1;
  p.counters = {CounterParams{"A", {0}, {}, {}}, CounterParams{"B", {1}, {}, {}}};
  p.staff[0].speed = {1.0, 1.0};
  p.staff[1].speed = {1.0, 1.0};
  p.reception.wrong_pick_share = 1.0;
  p.reception.misroute_time = Distribution::deterministic(1.0);
  const auto r = run(p, 7);
  const std::vector<std::string> expected = {
      "2 arrive 0", "2 ticket 0 q0", "2 call 0 @0", "3 done 0 @0", "3 ticket 0 q1", "3 call 0 @1",
      "4 arrive 1", "4 ticket 1 q0", "4 call 1 @0", "5 done 1 @0", "5 ticket 1 q1", "6 done 0 @1",
      "6 served 0", "6 call 1 @1",   "9 done 1 @1", "9 served 1"};
  CHECK(r.lines == expected);
  REQUIRE(r.visits.size() == 2);
  CHECK(r.visits[0].waited == 0.0);
  CHECK(r.visits[1].waited == 1.0);
}

TEST_CASE(
    "every misrouted citizen gets a misroute at the wrong counter then a second ticket and then "
    "service",
    "[model][center]") {
  // Calendar form, same layout: domain-1 citizens only, everyone picks domain 0 first.
  // Counter A (domain 0) only ever does 1-minute misroutes, counter B (domain 1) 5-minute
  // services, arrivals 08:00-09:00. By hand this is a tandem of two FIFO single counters:
  //   A: callA = max(arrival, A free), doneA = callA + 1 (the second ticket is taken at doneA);
  //   B: callB = max(doneA, B free),   doneB = callB + 5, served at doneB.
  // E.g. arrivals 8:00 and 8:02: 8:00 A, 8:01 ticket q1 and B until 8:06; 8:02 A until 8:03,
  // ticket q1 at 8:03, waits, B calls at 8:06, done 8:11.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 1), 8, 10.0, 5.0);
  two_domains(p, 0.0, 1.0, 5.0);
  p.counters = {CounterParams{"A", {0}, {}, {}}, CounterParams{"B", {1}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 1.0}), staff_at(1, {1.0, 1.0})};
  p.reception.wrong_pick_share = 1.0;
  p.reception.misroute_time = Distribution::deterministic(1.0);
  bool waited_at_b = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    const auto visits = r.arriving_on(0);
    REQUIRE(visits.size() >= 2);
    const auto a = one_counter_by_hand(arrival_times(visits),
                                       std::vector<double>(visits.size(), 1.0), 0, p.policy);
    std::vector<double> second_tickets;
    for (const auto& f : a) {
      REQUIRE(f.done);
      second_tickets.push_back(*f.done);
    }
    const auto b =
        one_counter_by_hand(second_tickets, std::vector<double>(visits.size(), 5.0), 0, p.policy);
    for (std::size_t i = 0; i < visits.size(); ++i) {
      const Visit& v = *visits[i];
      INFO("citizen " << v.id << " arrived at " << v.arrival);
      REQUIRE(b[i].call);
      REQUIRE(v.tickets.size() == 2);
      CHECK(v.tickets[0].where == 0);
      CHECK(v.tickets[0].t == same_time(v.arrival));
      CHECK(v.tickets[1].where == 1);
      CHECK(v.tickets[1].t == same_time(*a[i].done));
      REQUIRE(v.calls.size() == 2);
      REQUIRE(v.ends.size() == 2);
      CHECK(v.calls[0].where == 0);
      CHECK(v.calls[0].t == same_time(*a[i].call));
      CHECK(v.ends[0].t == same_time(*a[i].done));
      CHECK(v.calls[1].where == 1);
      CHECK(v.calls[1].t == same_time(*b[i].call));
      CHECK(v.ends[1].t == same_time(*b[i].done));
      REQUIRE(v.served);
      CHECK(*v.served == same_time(*b[i].done));
      // The visit's wait adds both queues: (callA - arrival) + (callB - second ticket).
      CHECK(v.waited == same_time((*a[i].call - v.arrival) + (*b[i].call - *a[i].done)));
      waited_at_b |= *b[i].call > *a[i].done;
    }
  }
  CHECK(waited_at_b);
}

TEST_CASE(
    "a citizen whose misroute ends after closing is sent home rather than left in the queue "
    "overnight",
    "[model][center]") {
  // Same layout (everyone picks domain 0 first; counter A finds the mistake, counter B serves),
  // but misroutes take 20 minutes, arrivals fall 16:00-16:30 and closing = send_home, Monday
  // and Tuesday. By hand, for arrivals 16:05, 16:10, 16:15, 16:20: A misroutes 16:05-16:25,
  // 16:25-16:45, 16:45-17:05 (in progress at 17:00, not cut), and the 16:20 citizen, still
  // waiting in queue 0 at 17:00, leaves (closing). At 17:05 the third citizen is sent to
  // queue 1, but no counter calls after 17:00 under send-home: expected, that citizen leaves
  // at 17:05 with reason closing (and returns on Tuesday) - nobody is inside at midnight and
  // nobody holding a Monday ticket is called on Tuesday morning.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 16, 6.0, 1.0);
  two_domains(p, 0.0, 1.0, 1.0);
  p.counters = {CounterParams{"A", {0}, {}, {}}, CounterParams{"B", {1}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 1.0}), staff_at(1, {1.0, 1.0})};
  p.reception.wrong_pick_share = 1.0;
  p.reception.misroute_time = Distribution::deterministic(20.0);
  p.policy.closing = PolicyParams::Closing::send_home;
  bool misroute_across_close = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " visit " << v.visit << " arrived " << v.arrival);
      for (const auto& e : v.ends)
        misroute_across_close |= e.where == 0 && e.t > at(v.day, close_pm);
      for (const auto& c : v.calls) CHECK(day_of(c.t) == v.day);
      for (const auto& t : v.tickets) {
        if (t.t <= at(v.day, close_pm)) continue;
        CHECK(v.reason == LeaveReason::closing);
        CHECK(v.left.value_or(-1.0) == same_time(t.t));
      }
    }
    for (std::uint32_t d = 0; d < 2; ++d) CHECK(r.days[d].inside_at_end == 0);
    CHECK(r.inside_after_run == 0);
  }
  CHECK(misroute_across_close);
}

TEST_CASE(
    "citizens still at the reception desk when the center closes are sent home rather than queued "
    "overnight",
    "[model][center]") {
  // Receptionist mode, one receptionist taking 15 minutes per citizen, arrivals 16:00-16:30,
  // one counter with 1-minute service, closing = send_home, Monday and Tuesday. By hand, for
  // arrivals 16:01, 16:03, 16:05, 16:07, 16:09: the desk finishes at 16:16, 16:31, 16:46 (those
  // three get a ticket and are served at once), then would finish at 17:01 and 17:16. At 17:00
  // the 16:07 citizen is at the desk and the 16:09 one waits for it: expected, both leave at
  // 17:00 with reason closing and come back on Tuesday - no ticket is issued after 17:00,
  // nobody is inside at midnight, nobody holding a Monday ticket is called on Tuesday morning.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 16, 8.0, 1.0);
  p.reception.mode = ReceptionParams::Mode::receptionist;
  p.reception.receptionists = 1;
  p.reception.reception_time = Distribution::deterministic(15.0);
  p.policy.closing = PolicyParams::Closing::send_home;
  bool desk_busy_at_close = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " visit " << v.visit << " arrived " << v.arrival);
      // Arrived before 17:00 (all do), no ticket by 17:00 and not gone: still at the desk.
      const bool ticket_by_close = !v.tickets.empty() && v.tickets[0].t <= at(v.day, close_pm);
      const bool gone_before_close = v.left && *v.left < at(v.day, close_pm);
      desk_busy_at_close |= !ticket_by_close && !gone_before_close;
      for (const auto& t : v.tickets) CHECK(t.t <= at(v.day, close_pm));
      for (const auto& c : v.calls) CHECK(day_of(c.t) == v.day);
    }
    for (std::uint32_t d = 0; d < 2; ++d) CHECK(r.days[d].inside_at_end == 0);
    CHECK(r.inside_after_run == 0);
  }
  CHECK(desk_busy_at_close);
}

// =============================================================================================
// 6. Staff skills

TEST_CASE(
    "a counter whose staff cannot do a domain never calls it and a speed-2 colleague halves its "
    "service (station form)",
    "[model][center]") {
  // Station form, exact by hand. Two domains, every citizen in domain 1 (service need 4).
  // Counter 0 lists domains {0, 1} but its staff has speed 0 for domain 1; counter 1 lists
  // {1} with speed 2 (service 4 / 2 = 2 min). Arrivals at 1, 2, 3.
  //   t=1 citizen 0: counter 0 is idle but cannot do it; counter 1 calls it, done at 3.
  //   t=2 citizen 1 waits (counter 0 still idle). t=3 counter 1 done with 0, calls 1 (to 5);
  //   then citizen 2 arrives (completions first at equal times) and waits. t=5 calls 2, done 7.
  auto p = sim::model::station_params(2, Distribution::deterministic(1.0),
                                      Distribution::deterministic(4.0), std::nullopt, 0.0, 3.5);
  p.domains = {DomainParams{"civil", "civil status"}, DomainParams{"land", "land"}};
  p.procedures.front().domain = 1;
  p.counters = {CounterParams{"0", {0, 1}, {}, {}}, CounterParams{"1", {1}, {}, {}}};
  p.staff[0].speed = {1.0, 0.0};
  p.staff[1].speed = {0.0, 2.0};
  const auto r = run(p, 7);
  const std::vector<std::string> expected = {
      "1 arrive 0",  "1 ticket 0 q1", "1 call 0 @1", "2 arrive 1",  "2 ticket 1 q1",
      "3 done 0 @1", "3 served 0",    "3 call 1 @1", "3 arrive 2",  "3 ticket 2 q1",
      "5 done 1 @1", "5 served 1",    "5 call 2 @1", "7 done 2 @1", "7 served 2"};
  CHECK(r.lines == expected);
}

TEST_CASE(
    "with mixed domains each domain is served only where its staff can do it and at its staff's "
    "speed",
    "[model][center]") {
  // Calendar form, 08:00-09:00 arrivals, half domain 0, half domain 1, service need 10.
  // Counter 0 lists {0, 1}, staff speeds {1, 0}; counter 1 lists {1}, staff speeds {0, 2}.
  // By hand the two domains are two independent FIFO single counters: domain 0 at counter 0
  // with 10-minute services, domain 1 at counter 1 with 10 / 2 = 5-minute services, each a
  // Lindley recursion on its own arrivals. The test also requires a moment when a domain-1
  // citizen waited although counter 0 was idle (the case that shows counter 0 refuses it).
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 1), 8, 16.0, 10.0);
  two_domains(p, 0.5, 0.5, 10.0);
  p.counters = {CounterParams{"0", {0, 1}, {}, {}}, CounterParams{"1", {1}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 0.0}), staff_at(1, {0.0, 2.0})};
  bool refused_while_idle = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    std::vector<const Visit*> by_domain[2];
    for (const auto* v : r.arriving_on(0)) by_domain[v->domain].push_back(v);
    std::vector<Fate> fates[2];
    for (std::uint32_t d = 0; d < 2; ++d) {
      const double service = d == 0 ? 10.0 : 5.0;
      fates[d] =
          one_counter_by_hand(arrival_times(by_domain[d]),
                              std::vector<double>(by_domain[d].size(), service), 0, p.policy);
      check_fates(by_domain[d], fates[d], d);
    }
    // Counter 0 is idle at moment x if none of its services covers x; it can only become idle
    // at a domain-1 citizen's arrival or at the end of one of its own services.
    const auto counter0_idle = [&](double x) {
      for (const auto& f : fates[0]) {
        if (f.call && *f.call <= x && x < *f.done) return false;
      }
      return true;
    };
    for (std::size_t i = 0; i < by_domain[1].size(); ++i) {
      const double from = by_domain[1][i]->arrival, to = *fates[1][i].call;
      refused_while_idle |= from < to && counter0_idle(from);
      for (const auto& f : fates[0])
        refused_while_idle |= f.done && from <= *f.done && *f.done < to && counter0_idle(*f.done);
    }
  }
  CHECK(refused_while_idle);
}

// =============================================================================================
// 7. Calling rules across domains

TEST_CASE("a counter serving two domains calls the oldest ticket across both", "[model][center]") {
  // One counter listing domains {0, 1}, same 10-minute service for both, 08:00-09:00 arrivals
  // of both domains. By hand: FIFO across its domains means the domains do not matter at
  // all - the trajectory is the single-queue Lindley recursion on all tickets in time order.
  // The test requires calls made while both queues held tickets, with the older ticket in
  // domain 0 at some call and in domain 1 at another (so "own domain 0 first" or "domain 1
  // first" would both fail).
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 1), 8, 10.0, 10.0);
  two_domains(p, 0.5, 0.5, 10.0);
  p.counters = {CounterParams{"0", {0, 1}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 1.0})};
  bool older_in[2] = {false, false};
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    const auto visits = r.arriving_on(0);
    const auto fates = check_one_counter_run(r, p, 10.0);
    for (std::size_t i = 0; i < visits.size(); ++i) {
      if (!fates[i].call) continue;
      for (std::size_t j = i + 1; j < visits.size(); ++j) {
        const bool waiting = visits[j]->arrival < *fates[i].call;
        if (waiting && visits[j]->domain != visits[i]->domain) older_in[visits[i]->domain] = true;
      }
    }
  }
  CHECK(older_in[0]);
  CHECK(older_in[1]);
}

TEST_CASE("a counter calls its overflow domain only when its own domain has nobody waiting",
          "[model][center]") {
  // One counter: own domain {0}, overflow {1}; 5-minute service; arrivals 08:00-09:00 of both
  // domains. By hand (non-preemptive priority to the own domain): when the counter frees up
  // it calls the oldest waiting domain-0 ticket if there is one, else the oldest domain-1
  // ticket; an idle counter takes whoever arrives, of either domain, at once.
  // E.g. 8:00 d1 (called, to 8:05), 8:01 d1, 8:03 d0: at 8:05 the d0 ticket of 8:03 is called
  // before the older d1 ticket of 8:01, which is called at 8:10.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 1), 8, 10.0, 5.0);
  two_domains(p, 0.5, 0.5, 5.0);
  p.counters = {CounterParams{"0", {0}, {1}, {}}};
  p.staff = {staff_at(0, {1.0, 1.0})};
  bool own_before_older_overflow = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    const auto visits = r.arriving_on(0);
    const std::size_t n = visits.size();
    std::vector<double> call(n, -1.0);
    double free = -inf;
    for (std::size_t served = 0; served < n; ++served) {
      std::size_t pick = n;
      for (std::size_t j = 0; j < n; ++j) {  // waiting when the counter frees: own domain first
        if (call[j] >= 0.0 || visits[j]->arrival > free) continue;
        if (pick == n || (visits[j]->domain == 0 && visits[pick]->domain == 1)) pick = j;
      }
      if (pick == n) {  // nobody waiting: the next arrival is called at once
        for (std::size_t j = 0; j < n && pick == n; ++j) {
          if (call[j] < 0.0) pick = j;
        }
        call[pick] = visits[pick]->arrival;
      } else {
        call[pick] = free;
        for (std::size_t j = 0; j < pick; ++j) {
          own_before_older_overflow |=
              call[j] < 0.0 && visits[j]->domain == 1 && visits[pick]->domain == 0;
        }
      }
      free = call[pick] + 5.0;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const Visit& v = *visits[i];
      INFO("citizen " << v.id << " (domain " << v.domain << ") arrived at " << v.arrival);
      REQUIRE(call[i] + 5.0 < at(0, close_am));  // the scenario stays inside the morning
      REQUIRE(v.calls.size() == 1);
      CHECK(v.calls[0].t == same_time(call[i]));
      REQUIRE(v.served);
      CHECK(*v.served == same_time(call[i] + 5.0));
    }
  }
  CHECK(own_before_older_overflow);
}

// =============================================================================================
// 8. Daily ticket cap

TEST_CASE(
    "a ticket request beyond the daily cap is refused and comes back the next day when the cap has "
    "reset",
    "[model][center]") {
  // Cap 3 tickets a day; ~8 arrivals between 08:00 and 09:00 on Monday and Tuesday; one
  // counter, 10-minute service. By hand: on each day the first three ticket requests (in
  // arrival order, returners included) get tickets and are served by the Lindley recursion;
  // the 4th, 5th... leave at once with reason ticket_cap. Monday's refused come back on
  // Tuesday (visit 2), 08:00-09:00, where the count starts again from zero; Tuesday's refused
  // would come back on Wednesday, past the run.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 8, 8.0, 10.0);
  p.policy.daily_ticket_cap = 3;
  bool capped_both_days = false;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    std::uint32_t capped_days = 0;
    for (std::uint32_t d = 0; d < 2; ++d) {
      const auto visits = r.arriving_on(d);
      std::vector<const Visit*> ticketed;
      for (std::size_t i = 0; i < visits.size(); ++i) {
        INFO("day " << d << ", request " << i + 1 << " at " << visits[i]->arrival);
        if (i < 3) {
          ticketed.push_back(visits[i]);
          CHECK(visits[i]->tickets.size() == 1);
        } else {
          CHECK(visits[i]->tickets.empty());
          REQUIRE(visits[i]->reason);
          CHECK(*visits[i]->reason == LeaveReason::ticket_cap);
          CHECK(*visits[i]->left == same_time(visits[i]->arrival));
        }
      }
      const auto fates = one_counter_by_hand(
          arrival_times(ticketed), std::vector<double>(ticketed.size(), 10.0), d, p.policy);
      check_fates(ticketed, fates);
      if (visits.size() > 3) ++capped_days;
    }
    check_returns(r, p, 8 * 60, 9 * 60);
    capped_both_days |= capped_days == 2;
    CHECK(r.inside_after_run == 0);
  }
  CHECK(capped_both_days);
}

// =============================================================================================
// 9. Holidays

TEST_CASE("a holiday has no arrivals and no sessions and the next working day carries the surge",
          "[model][center]") {
  // 40 weeks from Monday 8 Sep 2025 with every Tuesday a holiday; daily visits 20, weekday
  // factors Wed 1.0, Thu 0.9; surge factor 1.5. By hand: Tuesday's plan has no sessions and
  // expects 0 visits; Wednesday follows a holiday, so it is a surge day expecting
  // 20 x 1.0 x 1.5 = 30; Thursday expects 20 x 0.9 = 18 (no surge); Monday follows only a
  // weekend, so no surge: 20. In the run: no arrival and no counter opening on any Tuesday;
  // mean first-visit arrivals on Wednesdays within 4.5 SE of 30 and on Thursdays of 18
  // (Poisson counts: SE = sqrt(expected / 40)).
  constexpr std::uint32_t weeks = 40;
  auto spec = office_calendar(monday_8_sep_2025, weeks * 7);
  for (std::uint32_t w = 0; w < weeks; ++w) {
    spec.holidays.push_back(
        Date{std::chrono::sys_days{monday_8_sep_2025} + std::chrono::days{7 * w + 1}});
  }
  CenterParams p;
  p.procedures.front().service = Distribution::deterministic(1.0);
  p.calendar = spec;
  p.demand.daily_visits = 20.0;
  p.demand.weekday_factor = {1.0, 1.0, 1.0, 0.9, 1.0, 1.0, 1.0};
  p.demand.surge_factor = 1.5;
  for (int h = 7; h < 17; ++h) p.demand.hourly_profile[h] = 1.0;

  const WorkCalendar cal(spec);
  for (std::uint32_t d = 0; d < 7; ++d) {
    const DayPlan& plan = cal.day(d);
    const ArrivalProfile profile(p.demand, plan, d);
    INFO("day " << d);
    switch (d) {
      case 0:
        CHECK_FALSE(plan.surge);
        CHECK(profile.expected() == Approx(20.0));
        break;
      case 1:
        CHECK(plan.holiday);
        CHECK_FALSE(plan.working);
        CHECK(plan.sessions.empty());
        CHECK(profile.expected() == 0.0);
        CHECK(profile.next(at(d, 0), 0.0) < 0.0);
        break;
      case 2:
        CHECK(plan.surge);
        CHECK(profile.expected() == Approx(30.0));
        break;
      case 3:
        CHECK_FALSE(plan.surge);
        CHECK(profile.expected() == Approx(18.0));
        break;
      default:
        break;
    }
  }

  const auto r = run(p, 3);
  double per_weekday[7] = {};
  for (const auto& v : r.visits) {
    CHECK(v.day % 7 != 1);
    if (v.visit == 1) per_weekday[v.day % 7] += 1.0;
  }
  for (const auto& c : r.counter_changes) CHECK(day_of(c.t) % 7 != 1);
  for (const auto& [weekday, expected] : {std::pair{2, 30.0}, std::pair{3, 18.0}}) {
    const double mean = per_weekday[weekday] / weeks;
    const double se = std::sqrt(expected / weeks);
    INFO("weekday " << weekday << ": mean " << mean << ", expected " << expected << " +- " << se);
    CHECK(std::abs(mean - expected) <= test_support::z_tolerance * se);
  }
}

// =============================================================================================
// 10. Arrival profile

TEST_CASE(
    "the arrival profile expects daily visits times the weekday factor and samples only open "
    "minutes",
    "[model][center]") {
  // Office calendar; demand 50 a day, factors Mon 1.0, Tue 0.8, Fri 1.2; hourly weights
  // 07h:1 08h:3 09h:3 10h:2 11h:1 12h:5 (lunch: ignored) 13h:2 14h:3 15h:2 16h:1.
  // By hand: expected() = 50, 40 and 60; Saturday (closed) 0. Open intensity starts at 07:30
  // (at_fraction(0) = 07:30); every sampled arrival and every return position lies in
  // [07:30, 11:30) or [13:30, 16:30) - never in lunch, never at or after the ticket stop.
  // Without weight at 07h, at_fraction(0) = 08:00.
  const WorkCalendar cal(office_calendar(monday_8_sep_2025, 7));
  DemandParams demand;
  demand.daily_visits = 50.0;
  demand.weekday_factor = {1.0, 0.8, 1.0, 1.0, 1.2, 1.0, 1.0};
  const double weights[24] = {0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 2, 1,
                              5, 2, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0};
  for (int h = 0; h < 24; ++h) demand.hourly_profile[h] = weights[h];

  CHECK(ArrivalProfile(demand, cal.day(0), 0).expected() == Approx(50.0));
  CHECK(ArrivalProfile(demand, cal.day(1), 1).expected() == Approx(40.0));
  CHECK(ArrivalProfile(demand, cal.day(4), 4).expected() == Approx(60.0));
  CHECK(ArrivalProfile(demand, cal.day(5), 5).expected() == 0.0);
  CHECK(ArrivalProfile(demand, cal.day(5), 5).next(at(5, 0), 0.1) < 0.0);

  const auto open = [](double t, std::uint32_t d) {
    return (t >= at(d, open_am) && t < at(d, close_am)) ||
           (t >= at(d, open_pm) && t < at(d, ticket_stop));
  };
  for (std::uint32_t d = 0; d < 5; ++d) {
    const ArrivalProfile profile(demand, cal.day(d), d);
    INFO("day " << d);
    CHECK(profile.at_fraction(0.0) == at(d, open_am));
    // Walk the day with a fixed spread of unit-exponential values.
    double t = at(d, 0);
    int count = 0;
    for (int k = 0;; ++k) {
      const double e = 0.02 + 0.37 * (k % 11);
      const double next = profile.next(t, e);
      if (next < 0.0) break;
      CHECK(next > t);
      CHECK(open(next, d));
      t = next;
      ++count;
    }
    CHECK(count > 10);
    CHECK(profile.next(at(d, ticket_stop), 1e-9) < 0.0);
    // Starting in the lunch break, the first arrival is at or after 13:30.
    CHECK(profile.next(at(d, 12 * 60), 1e-9) >= at(d, open_pm));
    double previous = -inf;
    for (double u = 0.0; u < 1.0; u += 0.001) {
      const double x = profile.at_fraction(u);
      CHECK(open(x, d));
      CHECK(x >= previous);
      previous = x;
    }
  }
  demand.hourly_profile[7] = 0.0;
  CHECK(ArrivalProfile(demand, cal.day(0), 0).at_fraction(0.0) == at(0, 8 * 60));
  // Weight only in the lunch hour: no open intensity, so no visits at all.
  DemandParams lunch_only;
  lunch_only.hourly_profile[12] = 1.0;
  CHECK(ArrivalProfile(lunch_only, cal.day(0), 0).expected() == 0.0);
}

TEST_CASE("the largest return position of a day still falls before the ticket stop",
          "[model][center]") {
  // A sent-home citizen returns at at_fraction(u) for u in [0, 1). By hand: for u just below 1
  // the position is just below the end of the last open piece, i.e. strictly before the 16:30
  // ticket stop; a return placed exactly at the ticket stop would be turned away at once as
  // after_hours (and, since after_hours brings people back, bounce to the next day).
  const WorkCalendar cal(office_calendar(monday_8_sep_2025, 1));
  DemandParams demand;
  const double weights[24] = {0, 0, 0, 0, 0, 0, 0, 1.3, 2.9, 3.1, 2.2, 1.7, 0, 2.3, 3.7, 2.1, 1.1};
  for (int h = 0; h < 24; ++h) demand.hourly_profile[h] = weights[h];
  const double u = std::nextafter(1.0, 0.0);
  for (int visits = 1; visits <= 40; ++visits) {
    demand.daily_visits = visits;
    const ArrivalProfile profile(demand, cal.day(0), 0);
    INFO("daily visits " << visits);
    CHECK(profile.at_fraction(u) < at(0, ticket_stop));
  }
}

TEST_CASE("mean daily arrivals over 200 working days match the profile's expected visits",
          "[model][center]") {
  // 40 weeks of the office calendar (200 working days), constant hourly profile over the
  // open hours, 30 visits a day, 1-minute service. Daily first-visit counts are independent
  // Poisson(30), so their mean over 200 days has SE = sqrt(30 / 200) = 0.39; it must lie
  // within 4.5 SE of 30 (the suite-wide rule, tests/support/tolerance.hpp). Every arrival
  // falls in an open session before the ticket stop, and no one arrives on a weekend.
  constexpr std::uint32_t weeks = 40;
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, weeks * 7), 7, 30.0, 1.0);
  for (int h = 7; h < 17; ++h) p.demand.hourly_profile[h] = 1.0;
  const auto r = run(p, 5);
  double first_visits = 0.0;
  for (const auto& v : r.visits) {
    const double minute = v.arrival - at(v.day, 0);
    INFO("arrival at " << v.arrival);
    CHECK(v.day % 7 < 5);
    CHECK(
        ((minute >= open_am && minute < close_am) || (minute >= open_pm && minute < ticket_stop)));
    if (v.visit == 1) first_visits += 1.0;
  }
  const double days = weeks * 5.0;
  const double mean = first_visits / days;
  const double se = std::sqrt(30.0 / days);
  INFO("mean daily arrivals " << mean << ", expected 30 +- " << se);
  CHECK(std::abs(mean - 30.0) <= test_support::z_tolerance * se);
  CHECK(r.inside_after_run == 0);
}

// =============================================================================================
// 11. Conservation

TEST_CASE(
    "every day the citizens who arrived were served or left or are still inside and nobody is left "
    "at the end",
    "[model][center]") {
  // A busy, fully random center over three weeks: two domains, three counters (one with an
  // overflow domain, one whose staff cannot do one of its domains and is sometimes absent),
  // exponential service, patience,
  // forms, incomplete dossiers partly fixed on the spot, wrong picks, priority citizens, a
  // ticket cap, balking, lunch leave-and-return and overtime until 18:00. Each visit (first or
  // return) ends in exactly one served or leave signal, so by hand, for every day d:
  //   inside at the end of d-1 + arrived on d = served on d + left on d + inside at the end of d
  // and nobody stays overnight (inside at every day end = 0), so arrived = served + left.
  CenterParams p;
  p.domains = {DomainParams{"civil", "civil status"}, DomainParams{"land", "land"}};
  p.procedures.clear();
  for (std::uint32_t d = 0; d < 2; ++d) {
    ProcedureParams proc;
    proc.domain = d;
    proc.share = d == 0 ? 0.6 : 0.4;
    proc.service = Distribution::exponential(d == 0 ? 8.0 : 14.0);
    proc.form = Distribution::exponential(3.0);
    proc.incomplete_share = 0.2;
    proc.fix_on_spot_share = 0.5;
    proc.fix_on_spot = Distribution::deterministic(4.0);
    p.procedures.push_back(proc);
  }
  p.counters = {CounterParams{"0", {0}, {1}, {}}, CounterParams{"1", {0, 1}, {}, {}},
                CounterParams{"2", {1}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 1.0}), staff_at(1, {1.0, 0.0}), staff_at(2, {0.0, 1.5})};
  p.staff[1].absence_prob = 0.2;
  p.priority_share = 0.1;
  p.patience = Distribution::exponential(90.0);
  p.reception.wrong_pick_share = 0.1;
  p.reception.misroute_time = Distribution::deterministic(1.0);
  p.policy.lunch = PolicyParams::Lunch::leave_and_return;
  p.policy.closing = PolicyParams::Closing::overtime;
  p.policy.overtime_cap_min = 18 * 60;
  p.policy.daily_ticket_cap = 70;
  p.policy.balk_threshold = 25;
  p.calendar = office_calendar(monday_8_sep_2025, 21);
  p.demand.daily_visits = 80.0;
  for (int h = 7; h < 17; ++h) p.demand.hourly_profile[h] = h == 8 || h == 14 ? 3.0 : 1.0;

  const auto r = run(p, 11);
  REQUIRE(r.days.size() == 21);
  std::size_t inside = 0;
  std::uint64_t arrived = 0, finished = 0;
  for (std::uint32_t d = 0; d < 21; ++d) {
    const DayTally& day = r.days[d];
    INFO("day " << d << ": arrived " << day.arrived << ", served " << day.served << ", left "
                << day.left << ", inside before " << inside << ", after " << day.inside_at_end);
    REQUIRE(day.ended);
    CHECK(inside + day.arrived == day.served + day.left + day.inside_at_end);
    CHECK(day.inside_at_end == 0);
    inside = day.inside_at_end;
    arrived += day.arrived;
    finished += day.served + day.left;
  }
  CHECK(arrived == finished);
  CHECK(r.inside_after_run == 0);
  // Every leave reason the scenario can produce did occur (the check is not vacuous).
  std::map<std::string, int> reasons;
  for (const auto& v : r.visits) {
    if (v.reason) ++reasons[reason_name(*v.reason)];
  }
  for (const char* reason : {"reneged", "lunch", "incomplete", "ticket_cap"}) {
    INFO(reason);
    CHECK(reasons[reason] > 0);
  }
}

TEST_CASE("citizens of a domain turned away on purpose leave at the ticket, once, and never queue",
          "[model][calendar]") {
  // Two domains, only domain 0 has a counter; the scenario marks domain 1 turn_away. Every
  // domain-1 citizen leaves turned_away the moment they ask for a ticket (no ticket, no call,
  // no return visit); domain-0 citizens are served as usual.
  auto p = one_counter_center(office_calendar(monday_8_sep_2025, 2), 9, 20.0, 1.0);
  two_domains(p, 0.5, 0.5, 1.0);
  p.counters = {CounterParams{"A", {0}, {}, {}}};
  p.staff = {staff_at(0, {1.0, 0.0})};
  p.policy.unserved = PolicyParams::Unserved::turn_away;
  p.policy.turn_away = {false, true};
  std::size_t turned = 0;
  for (std::uint64_t seed = 1; seed <= seeds; ++seed) {
    INFO("seed " << seed);
    const auto r = run(p, seed);
    for (const auto& v : r.visits) {
      INFO("citizen " << v.id << " visit " << v.visit);
      if (v.domain == 1) {
        ++turned;
        CHECK(v.visit == 1);
        CHECK(v.reason == LeaveReason::turned_away);
        CHECK(v.tickets.empty());
        CHECK(v.calls.empty());
        CHECK(v.left.value_or(-1.0) == same_time(v.arrival));  // no forms in this center
      } else {
        CHECK(v.served.has_value());
      }
    }
  }
  CHECK(turned > 0);
}
