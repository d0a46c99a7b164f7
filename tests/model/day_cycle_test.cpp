// DayCycle alone: the turns of a day, the closing policy and the day's state, by hand.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/day_cycle.hpp"
#include "tests/support/center_recorder.hpp"

using sim::model::CallingStop;
using sim::model::CenterParams;
using sim::model::DayCycle;
using sim::model::PolicyParams;
using sim::model::Session;
using sim::model::WorkCalendar;

namespace {

/// Writes each turn of the day as a line, with the day's state as the listener sees it.
class TurnLog : public sim::model::DayListener {
 public:
  TurnLog(const sim::engine::Simulation& sim) : sim_(sim) {}
  const DayCycle* days = nullptr;
  std::vector<std::string> lines;

  void on_day_start(std::uint32_t day) override { add("day_start " + std::to_string(day)); }
  void on_session_open(std::uint32_t s) override { add("open " + std::to_string(s)); }
  void on_calling_stop(const CallingStop& stop) override {
    std::string what = stop.overtime ? "overtime" : "stop";
    if (stop.send_home) what += std::string(" home=") + test_support::reason_name(*stop.send_home);
    if (stop.end_suspended) what += " end_suspended";
    add(what);
  }
  void on_day_end(std::uint32_t day) override { add("day_end " + std::to_string(day)); }

 private:
  void add(const std::string& what) {
    std::ostringstream out;
    out << sim_.now() << ' ' << what << (days->in_session() ? " [in session]" : "")
        << (days->closed_for_day() ? " [closed]" : "");
    lines.push_back(out.str());
  }
  const sim::engine::Simulation& sim_;
};

/// Friday 12/09/2025 and the closed Saturday after it; 07:30-11:30 and 13:30-17:00 on
/// weekdays, tickets until 16:30.
CenterParams friday_and_saturday() {
  CenterParams p;
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 12;
  spec.days = 2;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{450, 690}, Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  p.calendar = spec;
  p.policy.overtime_cap_min = 1065;  // 17:45
  return p;
}

std::vector<std::string> turns(const CenterParams& p) {
  sim::engine::Simulation sim;
  const WorkCalendar calendar(*p.calendar);
  TurnLog log(sim);
  DayCycle days(sim, p, &calendar, log);
  log.days = &days;
  days.start();
  sim.run();
  return log.lines;
}

}  // namespace

TEST_CASE(
    "the day cycle opens two sessions, sends waiting citizens home at lunch and works "
    "overtime until the cap",
    "[model][day_cycle]") {
  // By hand: sessions open at 450 and 810 and close at 690 and 1020. Lunch policy
  // leave_and_return sends the waiting home at 690; the last close at 1020 goes on in
  // overtime, which the cap stops at 1065, sending home whoever still waits and ending
  // suspended services. Saturday is closed: only its start and end.
  auto p = friday_and_saturday();
  p.policy.lunch = PolicyParams::Lunch::leave_and_return;
  const std::vector<std::string> expected = {
      "0 day_start 0",           "450 open 0 [in session]",
      "690 stop home=lunch",     "810 open 1 [in session]",
      "1020 overtime [closed]",  "1065 stop home=closing end_suspended [closed]",
      "1440 day_end 0 [closed]", "1440 day_start 1",
      "2880 day_end 1"};
  CHECK(turns(p) == expected);
}

TEST_CASE(
    "with the send-home closing policy the last close sends everyone home and no cap "
    "follows",
    "[model][day_cycle]") {
  auto p = friday_and_saturday();
  p.policy.closing = PolicyParams::Closing::send_home;  // lunch: wait (the default)
  const std::vector<std::string> expected = {"0 day_start 0",
                                             "450 open 0 [in session]",
                                             "690 stop",
                                             "810 open 1 [in session]",
                                             "1020 stop home=closing end_suspended [closed]",
                                             "1440 day_end 0 [closed]",
                                             "1440 day_start 1",
                                             "2880 day_end 1"};
  CHECK(turns(p) == expected);
}

TEST_CASE("tickets are issued from the day's start until the ticket stop on working days only",
          "[model][day_cycle]") {
  const auto p = friday_and_saturday();
  sim::engine::Simulation sim;
  const WorkCalendar calendar(*p.calendar);
  TurnLog log(sim);
  DayCycle days(sim, p, &calendar, log);
  log.days = &days;
  days.start();
  sim.run_until(989.9);
  CHECK(days.tickets_issued_now());
  sim.run_until(990.0);  // 16:30
  CHECK_FALSE(days.tickets_issued_now());
  sim.run_until(1440.0 + 600.0);  // Saturday 10:00
  CHECK(days.day() == 1);
  CHECK_FALSE(days.tickets_issued_now());
  CHECK(days.last_close() == 1020.0);
}

TEST_CASE("without a calendar the day cycle is always in session and schedules nothing",
          "[model][day_cycle]") {
  const CenterParams p;
  sim::engine::Simulation sim;
  TurnLog log(sim);
  DayCycle days(sim, p, nullptr, log);
  log.days = &days;
  days.start();
  CHECK(sim.pending_events() == 0);
  CHECK(days.in_session());
  CHECK(days.tickets_issued_now());
  CHECK(days.day() == 0);
}

TEST_CASE("the expected finish of a piece of counter work skips lunch and runs on after closing",
          "[model][day_cycle]") {
  // Sessions 450-690 and 810-1020. At 600: 60 minutes end at 660 (before lunch); 120 minutes
  // use the 90 left in the morning and 30 after 810, ending at 840; 500 minutes use 90 + 210
  // and the remaining 200 run on past the close, ending at 1220.
  const auto p = friday_and_saturday();
  sim::engine::Simulation sim;
  const WorkCalendar calendar(*p.calendar);
  TurnLog log(sim);
  DayCycle days(sim, p, &calendar, log);
  log.days = &days;
  days.start();
  sim.run_until(600.0);
  CHECK(days.finish_time(60.0) == 660.0);
  CHECK(days.finish_time(120.0) == 840.0);
  CHECK(days.finish_time(500.0) == 1220.0);
  sim.run_until(700.0);  // at lunch: work starts when the afternoon opens
  CHECK(days.finish_time(10.0) == 820.0);
}

TEST_CASE("the stop-issuing closing policy works overtime at the last close like overtime",
          "[model][day_cycle]") {
  auto p = friday_and_saturday();
  p.policy.closing = PolicyParams::Closing::stop_issuing;
  const auto lines = turns(p);
  CHECK(std::find(lines.begin(), lines.end(), "1020 overtime [closed]") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "1065 stop home=closing end_suspended [closed]") !=
        lines.end());
}
