// Online reception: counter staff receive online dossiers between tickets, within a rule of
// working hours, and the statutory clock starts at reception.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/center.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/office_calendar.hpp"

using sim::engine::Distribution;
using sim::engine::SimTime;
using sim::model::CenterParams;
using sim::model::Dossier;

namespace {

constexpr double day = 1440.0;

/// Receptions and back-office entries as they happen.
struct ReceptionLog : sim::model::CenterObserver {
  std::vector<SimTime> received;
  std::vector<Dossier> entered;
  std::uint64_t submitted = 0;
  void on_online_submitted(SimTime, const Dossier&) override { ++submitted; }
  void on_online_reception(SimTime t, const Dossier&) override { received.push_back(t); }
  void on_dossier_received(SimTime, const Dossier& d) override { entered.push_back(d); }
};

/// One counter, office hours 07:30-11:30 and 13:30-17:00 on weekdays from Monday 8 September
/// 2025; no walk-ins and no online demand (dossiers are filed by hand); a two-working-day
/// procedure; counter staff do no back-office work and nobody else does, so only reception
/// occupies the counter.
CenterParams reception_center(std::uint32_t days) {
  CenterParams p;
  p.calendar = test_support::office_week(days);
  p.domains = {{"civil_status", ""}};
  sim::model::ProcedureParams proc;
  proc.dossier = true;
  proc.deadline_working_days = 2;
  proc.same_day_rule = false;
  proc.back_office = Distribution::deterministic(30.0);
  proc.service = Distribution::deterministic(5.0);
  p.procedures = {proc};
  p.counters = {{"1", {0}, {}, {}}};
  p.staff = {{"staff 1", 0, {1.0}}};
  p.demand.daily_visits = 0.0;
  p.back_office.counter_staff = false;
  p.online.reception_min = 5.0;
  return p;
}

Dossier online_dossier(std::uint64_t id) {
  Dossier d;
  d.id = id;
  d.online = true;
  d.work_total = 30.0;
  return d;
}

/// What the reception columns and the inbox say at the end of a run.
struct Outcome {
  std::uint64_t by_staff, late, awaiting, awaiting_overdue, left_in_inbox;
  double reception_late;  ///< the summary's dossiers_reception_late (the reception row's last)
};

/// Runs the center with n online dossiers filed at Monday 00:00, `log` watching.
Outcome file_at_midnight(const CenterParams& p, std::uint64_t n, ReceptionLog& log) {
  const auto scenario = sim::scenario::scenario_of(p);
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  model.center().add_observer(log);
  model.center().start();
  for (std::uint64_t i = 0; i < n; ++i)
    model.center().back_office()->submit_online(online_dossier(i));
  model.simulation().run();
  const auto& s = *model.back_office();
  return {s.received_by_staff(),
          s.received_late(),
          s.awaiting_reception(),
          s.awaiting_reception_overdue(),
          model.center().back_office()->awaiting_reception(),
          s.reception_row().back()};
}

}  // namespace

TEST_CASE("the reception rule counts eight hours of the center's sessions from the filing",
          "[model][back_office][reception]") {
  const auto scenario = sim::scenario::scenario_of(reception_center(14));
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  const auto& bo = *model.center().back_office();
  // Monday 00:00: Monday's sessions give 240 + 210 = 450 minutes; 30 more from Tuesday 07:30.
  CHECK(bo.reception_due(0.0) == 1 * day + 480.0);
  // Monday 10:00: 90 minutes to 11:30, 210 in the afternoon, 180 on Tuesday from 07:30.
  CHECK(bo.reception_due(600.0) == 1 * day + 450.0 + 180.0);
  // Monday 12:00 (lunch): the afternoon's 210, then 270 on Tuesday: 240 to 11:30 and 30 after
  // 13:30.
  CHECK(bo.reception_due(720.0) == 1 * day + 810.0 + 30.0);
  // Friday 20:00 (day 4): the weekend is not working time; Monday day 7 as from Monday 00:00.
  CHECK(bo.reception_due(4 * day + 1200.0) == 8 * day + 480.0);
  // Filed on the run's last working day after its sessions: due after the run.
  CHECK(bo.reception_due(11 * day + 1200.0) == std::numeric_limits<double>::infinity());
}

TEST_CASE(
    "one officer receives a hundred dossiers filed at midnight back to back and four are late",
    "[model][back_office][reception]") {
  ReceptionLog log;
  const Outcome out = file_at_midnight(reception_center(3), 100, log);
  REQUIRE(log.received.size() == 100);
  // Monday: 48 in the morning (07:30-11:30 in 5-minute receptions), 42 in the afternoon.
  CHECK(log.received[0] == 455.0);
  CHECK(log.received[47] == 690.0);
  CHECK(log.received[48] == 815.0);
  CHECK(log.received[89] == 1020.0);
  // Tuesday from 07:30: due at 08:00 (minute 480), so the 6 received by then are on time and
  // the last 4 (08:05 to 08:20) late.
  CHECK(log.received[90] == day + 455.0);
  CHECK(log.received[99] == day + 500.0);
  CHECK(out.by_staff == 100);
  CHECK(out.late == 4);
  CHECK(out.awaiting == 0);
  // The statutory clock starts at reception: two working days from Tuesday 08:20 end Thursday.
  REQUIRE(log.entered.size() == 100);
  CHECK(log.entered[99].received == day + 500.0);
  CHECK(log.entered[99].submitted == 0.0);
  CHECK(log.entered[99].deadline == 4 * day);
  CHECK(log.entered[0].deadline == 3 * day);  // received Monday 07:35: due Wednesday
}

TEST_CASE(
    "dossiers still in the inbox at the end are counted as awaiting and overdue past the rule",
    "[model][back_office][reception]") {
  ReceptionLog log;
  SECTION("a one-day run: ten wait, due after the run's end") {
    const Outcome out = file_at_midnight(reception_center(1), 100, log);
    CHECK(out.by_staff == 90);
    CHECK(out.awaiting == 10);
    CHECK(out.left_in_inbox == 10);
    CHECK(out.awaiting_overdue == 0);
    CHECK(out.late == 0);
    CHECK(out.reception_late == 0.0);  // the ten waiting are not yet due
  }
  SECTION("Tuesday closed, Wednesday open 07:30-08:30: due Wednesday 08:00") {
    auto p = reception_center(3);
    p.calendar->sessions[1] = {};
    p.calendar->sessions[2] = {sim::model::Session{450, 510}};
    p.calendar->ticket_stop_min[1] = 0;
    p.calendar->ticket_stop_min[2] = 510;
    const Outcome out = file_at_midnight(p, 110, log);
    // Monday 90; Wednesday 12 (07:35 to 08:30), of which the 6 after 08:00 late; 8 left over.
    CHECK(out.by_staff == 102);
    CHECK(out.late == 6);
    CHECK(out.awaiting == 8);
    CHECK(out.awaiting_overdue == 8);
    // Not received in time: the 6 received late and the 8 still waiting past the rule.
    CHECK(out.reception_late == 14.0);
  }
}

TEST_CASE("after the last session the officer stays to receive what would fall due within a day",
          "[model][back_office][reception]") {
  struct OvertimeLog : ReceptionLog {
    double overtime = 0.0;
    void on_overtime(SimTime, std::uint32_t, double minutes) override { overtime += minutes; }
  };
  auto p = reception_center(3);
  p.back_office.overtime_until_min = 17 * 60 + 30;  // 17:30: time for 6 of the 10 left
  OvertimeLog log;
  const Outcome out = file_at_midnight(p, 100, log);
  REQUIRE(log.received.size() == 100);
  // Monday 17:00-17:30: six more, the last at 17:30; the officer's overtime is 30 minutes.
  CHECK(log.received[95] == 1050.0);
  CHECK(log.overtime == 30.0);
  // Tuesday from 07:30: the last four by 07:50, before their 08:00 due: none late.
  CHECK(log.received[99] == day + 470.0);
  CHECK(out.late == 0);
}

TEST_CASE("a back-office worker receives the online dossiers the desk let fall overdue",
          "[model][back_office][reception]") {
  // Nobody sits at the counter; one dedicated worker works its 10-minute slices through three
  // long counter dossiers. Three online dossiers filed Monday 00:00 fall due Tuesday 08:00.
  auto p = reception_center(3);
  p.staff.clear();
  p.back_office.workers = 1;
  const auto scenario = sim::scenario::scenario_of(p);
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  ReceptionLog log;
  model.center().add_observer(log);
  model.center().start();
  auto& bo = *model.center().back_office();
  for (std::uint64_t i = 0; i < 3; ++i) {
    Dossier long_one = online_dossier(100 + i);
    long_one.online = false;
    long_one.work_total = 2000.0;
    bo.receive(long_one);
  }
  for (std::uint64_t i = 0; i < 3; ++i) bo.submit_online(online_dossier(i));
  model.simulation().run();
  // Slices start at 07:30, 07:40 ... on Tuesday; at 08:00 nothing is overdue yet (due is not
  // before now), at 08:10 all three are: received 08:15, 08:20, 08:25.
  REQUIRE(log.received.size() == 3);
  CHECK(log.received[0] == day + 495.0);
  CHECK(log.received[1] == day + 500.0);
  CHECK(log.received[2] == day + 505.0);
  CHECK(model.back_office()->received_late() == 3);
}

TEST_CASE("a dossier the routine misses enters the inbox only after the miss days",
          "[model][back_office][reception]") {
  auto p = reception_center(14);
  p.online.reception_miss_share = 1.0;  // every draw is below 1: all three are missed
  p.online.reception_miss_days = 2;
  ReceptionLog log;
  SECTION("noticed Wednesday 00:00, received from 07:30 and late (due Tuesday 08:00)") {
    const Outcome out = file_at_midnight(p, 3, log);
    REQUIRE(log.received.size() == 3);
    CHECK(log.received[0] == 2 * day + 455.0);
    CHECK(log.received[2] == 2 * day + 465.0);
    CHECK(out.late == 3);
    CHECK(out.awaiting == 0);
    // The statutory clock starts at reception: two working days from Wednesday, Friday.
    REQUIRE(log.entered.size() == 3);
    CHECK(log.entered[0].submitted == 0.0);
    CHECK(log.entered[0].deadline == 5 * day);
  }
  SECTION("a run that ends before they are noticed counts them as awaiting and overdue") {
    p.calendar = test_support::office_week(2);
    const Outcome out = file_at_midnight(p, 3, log);
    CHECK(log.received.empty());
    CHECK(out.awaiting == 3);
    CHECK(out.awaiting_overdue == 3);
    CHECK(out.left_in_inbox == 3);
  }
}

TEST_CASE("exactly the dossiers whose keyed draw falls below the miss share are received late",
          "[model][back_office][reception]") {
  auto p = reception_center(14);
  p.online.reception_miss_share = 0.3;
  p.online.reception_miss_days = 2;
  const auto scenario = sim::scenario::scenario_of(p);
  sim::scenario::ReplicationModel model(scenario, 0, 0);
  struct IdLog : sim::model::CenterObserver {
    std::vector<std::uint64_t> monday, later;
    void on_online_reception(SimTime t, const Dossier& d) override {
      (t < day ? monday : later).push_back(d.id);
    }
  } log;
  model.center().add_observer(log);
  model.center().start();
  // 60 dossiers: those not missed fit into Monday's 90 receptions; the missed are noticed
  // Wednesday 00:00 and received then, in filing order.
  std::vector<std::uint64_t> missed, kept;
  for (std::uint64_t i = 0; i < 60; ++i) {
    model.center().back_office()->submit_online(online_dossier(i));
    const double u =
        sim::engine::keyed_uniform(model.simulation().stream_seed(), {"online.reception_miss", i});
    (u < 0.3 ? missed : kept).push_back(i);
  }
  model.simulation().run();
  REQUIRE(!missed.empty());
  REQUIRE(!kept.empty());
  CHECK(log.monday == kept);
  CHECK(log.later == missed);
  CHECK(model.back_office()->received_late() == missed.size());
}
