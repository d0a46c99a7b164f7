// The back office: statutory deadlines in run minutes, and the work of a dedicated clerk
// through an outage of the system the dossiers need.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center.hpp"
#include "sim/model/work_calendar.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/center_recorder.hpp"

using sim::engine::Distribution;
using sim::engine::SimTime;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::CalendarSpec;
using sim::model::Center;
using sim::model::CenterParams;
using sim::model::Dossier;
using sim::model::ProcedureParams;
using sim::model::Session;
using sim::model::SystemEpisode;
using sim::model::SystemParams;
using sim::model::SystemState;

namespace {

constexpr double day = 1440.0;

CalendarSpec weekdays(std::uint32_t days) {
  CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;  // Monday 8 September 2025 is day 0
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{450, 690}, Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  return spec;
}

}  // namespace

TEST_CASE(
    "a dossier's deadline is the end of its due date, skipping weekends and holidays, with the "
    "15:00 rule",
    "[model][back_office]") {
  CenterParams p;
  p.calendar = weekdays(21);
  p.calendar->holidays = {std::chrono::year{2025} / 9 / 15};  // Monday of the second week (day 7)
  ProcedureParams same_day;                                   // 0 working days, 15:00 rule
  same_day.deadline_working_days = 0;
  ProcedureParams two_days = same_day;
  two_days.deadline_working_days = 2;
  ProcedureParams no_rule = same_day;
  no_rule.same_day_rule = false;
  p.procedures = {same_day, two_days, no_rule};
  const auto scenario = sim::scenario::scenario_of(p);
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  auto& center = model.center();
  const auto& bo = *center.back_office();
  // Same-day procedure: before 15:00 due that day; from 15:00 the next working day.
  CHECK(bo.deadline(0, 14 * 60 + 59) == 1 * day);
  CHECK(bo.deadline(0, 15 * 60) == 2 * day);
  // Friday (day 4) 15:30: Saturday, Sunday and the holiday Monday are skipped: Tuesday, day 8.
  CHECK(bo.deadline(0, 4 * day + 15 * 60 + 30) == 9 * day);
  // Filed on Saturday (day 5): counts as received at the start of the next working day,
  // Tuesday day 8, where the 15:00 rule does not apply.
  CHECK(bo.deadline(0, 5 * day + 22 * 60) == 9 * day);
  // Two working days from Thursday (day 3) 10:00: Friday, then Tuesday (Monday is a holiday).
  CHECK(bo.deadline(1, 3 * day + 10 * 60) == 9 * day);
  // ...and from Thursday 15:30 the count starts a day later: Tuesday, Wednesday (day 9).
  CHECK(bo.deadline(1, 3 * day + 15 * 60 + 30) == 10 * day);
  // Without the 15:00 rule a same-day procedure is due the same day even at 16:00.
  CHECK(bo.deadline(2, 16 * 60) == 1 * day);
}

TEST_CASE("deadlines kept for the day are the calendar's due dates whatever the order of asking",
          "[model][back_office]") {
  CenterParams p;
  p.calendar = weekdays(21);
  p.calendar->holidays = {std::chrono::year{2025} / 9 / 15};
  ProcedureParams base;
  p.procedures.assign(4, base);
  p.procedures[1].deadline_working_days = 2;
  p.procedures[2].same_day_rule = false;
  p.procedures[3].deadline_working_days = 7;
  const auto scenario = sim::scenario::scenario_of(p);
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  const auto& bo = *model.center().back_office();
  const sim::model::WorkCalendar calendar(*p.calendar);
  const auto expected = [&](std::uint32_t procedure, std::uint32_t d, int minute) {
    const auto& proc = p.procedures[procedure];
    const auto due = calendar.due_date(calendar.day(d).date, minute, proc.deadline_working_days,
                                       proc.same_day_rule);
    const auto days = (std::chrono::sys_days(due) - std::chrono::sys_days(calendar.day(0).date));
    return static_cast<double>(days.count()) * day + day;
  };
  // Days forwards, then backwards, then forwards again; minutes on both sides of 15:00.
  std::vector<std::uint32_t> order;
  for (std::uint32_t d = 0; d < 21; ++d) order.push_back(d);
  for (std::uint32_t d = 21; d-- > 0;) order.push_back(d);
  for (std::uint32_t d = 0; d < 21; d += 3) order.push_back(d);
  for (const std::uint32_t d : order) {
    for (const int minute : {0, 899, 900, 1000, 1439, 600}) {
      for (std::uint32_t procedure = 0; procedure < 4; ++procedure) {
        CAPTURE(d, minute, procedure);
        CHECK(bo.deadline(procedure, d * day + minute) == expected(procedure, d, minute));
      }
    }
  }
}

TEST_CASE(
    "a clerk works dossiers in order of receipt and sets them aside while their system is down",
    "[model][back_office]") {
  // Monday and Tuesday; the morning's walk-ins (one procedure, 5 minutes at the counter)
  // each leave a dossier needing 30 minutes of back-office work, due Tuesday (1 working day).
  // One clerk works 13:30-17:00 in 10-minute slices; counter staff do no back-office work.
  // The system the dossiers need is down on Monday 14:00-15:00.
  // Hand trajectory: Monday 13:30-14:00 dossier 1 (done 14:00); 14:00 the next slice finds
  // the system down, every waiting dossier is set aside; 15:00 work resumes: dossiers 2-5
  // done 15:30, 16:00, 16:30, 17:00; Tuesday 13:30-17:00 dossiers 6-12 done 14:00...17:00.
  CenterParams p;
  p.calendar = weekdays(2);
  p.demand.daily_visits = 20;
  p.demand.hourly_profile[8] = 1.0;
  auto& proc = p.procedures.front();
  proc.service = Distribution::deterministic(5.0);
  proc.dossier = true;
  proc.back_office = Distribution::deterministic(30.0);
  proc.deadline_working_days = 1;
  proc.system_ids = {0};
  SystemParams sys;
  sys.id = sys.name = "one_stop_system";
  sys.episodes = {SystemEpisode{14 * 60, 15 * 60, SystemState::down, 1.0}};
  p.systems = {sys};
  p.back_office.counter_staff = false;
  p.back_office.workers = 1;
  p.back_office.hours = {Session{810, 1020}};
  const std::vector<double> expected_done{840,       930,       960,       990,
                                          1020,      day + 840, day + 870, day + 900,
                                          day + 930, day + 960, day + 990, day + 1020};

  for (std::uint64_t seed : {1, 2, 3}) {
    INFO("seed " << seed);
    test_support::CenterRecorder log;
    const auto scenario = sim::scenario::scenario_of(p);
    sim::scenario::ReplicationModel model(scenario, seed, 0);
    auto& sim = model.simulation();
    auto& center = model.center();
    center.add_observer(log);
    center.start();
    sim.run();
    REQUIRE(log.dossiers_received.size() >=
            13);  // more dossiers than the clerk can do in two afternoons
    REQUIRE(log.dossiers_done_at.size() == expected_done.size());
    for (std::size_t k = 0; k < expected_done.size(); ++k) {
      INFO("dossier " << k);
      CHECK(log.dossiers_done_at[k] == Approx(expected_done[k]).margin(1e-6));
      CHECK(log.dossiers_done[k].intake == k);  // first received, first done
      CHECK(log.dossiers_done[k].deadline == 2 * day);
      CHECK(log.dossiers_done[k].received < 12 * 60);
    }
    // Every Monday dossier but the first was set aside once at 14:00.
    const auto monday = std::count_if(log.dossiers_received.begin(), log.dossiers_received.end(),
                                      [](const Dossier& d) { return d.received < day; });
    CHECK(log.dossiers_delayed.size() == static_cast<std::size_t>(monday - 1));
    for (const auto& delay : log.dossiers_delayed) {
      CHECK(delay.t == 14 * 60);
      CHECK(delay.system == 0);
      CHECK(delay.dossier.intake >= 1);  // dossier 1 was finished at 14:00, before the check
    }
    CHECK(center.back_office()->backlog() == log.dossiers_received.size() - expected_done.size());
  }
}
