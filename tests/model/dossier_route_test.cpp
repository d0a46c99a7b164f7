// A dossier's route in the back office: missing papers, hand-off, the leader's signature,
// after-hours work, and which step is held responsible for a late dossier.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/back_office.hpp"
#include "sim/model/center_params.hpp"
#include "sim/model/system_board.hpp"

using sim::engine::Distribution;
using sim::engine::Simulation;
using sim::model::BackOffice;
using sim::model::CalendarSpec;
using sim::model::CenterParams;
using sim::model::Dossier;
using sim::model::HandoffParams;
using sim::model::RouteStep;
using sim::model::Session;

namespace {

constexpr double day = 1440.0;

/// Monday 8 September 2025 is day 0; Monday-Friday 07:30-11:30 and 13:30-17:00, no holidays.
CalendarSpec weekdays(std::uint32_t days) {
  CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {Session{450, 690}, Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  return spec;
}

/// One procedure (index 0), one dedicated clerk in the opening hours, no counter staff.
CenterParams one_clerk(int deadline_working_days, double work_min) {
  CenterParams p;
  p.calendar = weekdays(28);
  auto& proc = p.procedures.front();
  proc.dossier = true;
  proc.deadline_working_days = deadline_working_days;
  proc.same_day_rule = false;
  proc.back_office = Distribution::deterministic(work_min);
  p.back_office.counter_staff = false;
  p.back_office.workers = 1;
  return p;
}

/// A BackOffice alone on a simulation: its days started at midnight, dossiers handed in at
/// given times; records each step change, each result and each overtime.
class Bench : public sim::model::BackOfficeListener,
              public sim::model::SystemListener,
              public sim::model::CenterObserver {
 public:
  explicit Bench(const CenterParams& p)
      : params_(p),
        calendar_(*p.calendar),
        board_(sim_, p.systems, calendar_.days() * day, *this),
        office_(sim_, params_, calendar_, board_, observers_, *this) {
    observers_.push_back(this);
    const auto start = sim_.add_handler<&Bench::on_start_day>(*this, "test.day");
    for (std::uint32_t d = 0; d < calendar_.days(); ++d) sim_.schedule_at(d * day, start, d, -10);
    receive_ = sim_.add_handler<&Bench::on_receive>(*this, "test.receive");
  }
  /// A dossier of procedure 0 handed to the back office at time t.
  void hand_in(double t, std::uint64_t id) { sim_.schedule_at(t, receive_, id, 5); }
  void run() {
    board_.start();
    sim_.run();
  }

  std::vector<std::pair<double, RouteStep>> steps;
  std::vector<std::pair<double, Dossier>> done;
  std::vector<std::pair<double, double>> overtime;  ///< (time, minutes)

 private:
  void on_start_day(std::uint64_t d) { office_.start_day(static_cast<std::uint32_t>(d)); }
  void on_receive(std::uint64_t id) {
    Dossier d;
    d.id = id;
    d.received = sim_.now();
    d.work_total = params_.procedures[0].back_office.mean();
    office_.receive(d);
  }
  void on_back_office_work() override {}
  void on_counter_slice_end(std::uint32_t) override {}
  void on_system_change(std::uint32_t, sim::model::SystemState, sim::model::SystemState,
                        double) override {}
  void on_dossier_step(double t, const Dossier& d, double) override {
    steps.emplace_back(t, d.step);
  }
  void on_dossier_done(double t, const Dossier& d) override { done.emplace_back(t, d); }
  void on_back_office_overtime(double t, std::uint32_t, double minutes) override {
    overtime.emplace_back(t, minutes);
  }

  Simulation sim_;
  CenterParams params_;
  sim::model::WorkCalendar calendar_;
  sim::model::SystemBoard board_;
  sim::model::Observers observers_;
  BackOffice office_;
  sim::engine::HandlerId receive_{};
};

}  // namespace

TEST_CASE(
    "a dossier goes through review, missing papers, a hand-off and the signature on the "
    "hand-computed days",
    "[model][back_office][route]") {
  // 10 working days, 60 minutes of work. Every dossier is sent back for papers (2 working
  // days, half the work redone), handed to the land office (3 working days, its share 50 %)
  // and signed in the 16:45 batch. Received Monday 08:00 (day 0, 480 min).
  auto p = one_clerk(10, 60.0);
  auto& route = p.procedures.front().route;
  route.missing_papers_share = 1.0;
  route.missing_papers_days = Distribution::deterministic(2.0);
  route.missing_papers_rework = 0.5;
  route.handoff = HandoffParams{"land_registration", 1.0, Distribution::deterministic(3.0), 0.5};
  route.signature = true;
  p.back_office.signature_batches = {16 * 60 + 45};
  Bench bench(p);
  bench.hand_in(480.0, 1);
  bench.run();
  // Hand trajectory: work 08:00-09:00 (six 10-minute slices); papers asked for at 09:00 Monday,
  // back Wednesday (day 2) 09:00; rework 30 min, to 09:30; at the land office Wednesday 09:30 to
  // Monday (day 7) 09:30 (Thursday, Friday, Monday); signed Monday 16:45; the result goes out.
  const std::vector<std::pair<double, RouteStep>> expected{{540.0, RouteStep::citizen},
                                                           {2 * day + 540.0, RouteStep::specialist},
                                                           {2 * day + 570.0, RouteStep::agency},
                                                           {7 * day + 570.0, RouteStep::signature},
                                                           {7 * day + 1005.0, RouteStep::result}};
  REQUIRE(bench.steps.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    INFO("step " << k);
    CHECK(bench.steps[k].first == Approx(expected[k].first).margin(1e-9));
    CHECK(bench.steps[k].second == expected[k].second);
  }
  REQUIRE(bench.done.size() == 1);
  const auto& [t, d] = bench.done.front();
  CHECK(t == Approx(7 * day + 1005.0).margin(1e-9));
  // Due Monday day 14 (10 working days after Monday day 0); the 2 working days with the citizen
  // do not count, so it is due Wednesday day 16, finished by its end.
  CHECK(d.deadline == 17 * day);
  CHECK(d.paused_days == 2);
  CHECK(d.missing_papers);
  CHECK(d.handed_off);
  CHECK_FALSE(d.agency_over);  // 3 working days <= 50 % of 10
  CHECK(t <= d.deadline);
}

TEST_CASE(
    "a late dossier is charged to the agency that overran its share, else to the step "
    "that held it when the deadline passed",
    "[model][back_office][route]") {
  SECTION("the agency kept it 6 of 5 working days; its share was 2.5") {
    auto p = one_clerk(5, 60.0);
    p.procedures.front().route.handoff =
        HandoffParams{"tax", 1.0, Distribution::deterministic(6.0), 0.5};
    p.procedures.front().route.signature = true;
    p.back_office.signature_batches = {16 * 60 + 45};
    Bench bench(p);
    bench.hand_in(480.0, 1);
    bench.run();
    // Work to 09:00 Monday; at the tax office 6 working days, back Tuesday day 8 09:00; signed
    // 16:45. Due Monday day 7 (5 working days): late, and the agency overran its share.
    REQUIRE(bench.done.size() == 1);
    const auto& [t, d] = bench.done.front();
    CHECK(t == Approx(8 * day + 1005.0).margin(1e-9));
    CHECK(d.deadline == 8 * day);
    CHECK(t > d.deadline);
    CHECK(d.agency_over);
    CHECK(d.late_step == RouteStep::agency);
    CHECK(d.responsible() == RouteStep::agency);
  }
  SECTION("ready after the day's last signing batch: the leader's signature") {
    auto p = one_clerk(0, 5.0);  // same day, no 15:00 rule
    p.procedures.front().route.signature = true;
    p.back_office.signature_batches = {10 * 60 + 30, 16 * 60 + 45};
    Bench bench(p);
    bench.hand_in(16 * 60 + 50, 1);  // Monday 16:50, done 16:55, the 16:45 batch is past
    bench.run();
    REQUIRE(bench.done.size() == 1);
    const auto& [t, d] = bench.done.front();
    CHECK(t == Approx(day + 630.0).margin(1e-9));  // signed Tuesday 10:30
    CHECK(d.deadline == day);
    CHECK(d.responsible() == RouteStep::signature);
  }
  SECTION("work not finished by the end of the due date: the specialist") {
    auto p = one_clerk(0, 120.0);
    Bench bench(p);
    bench.hand_in(16 * 60, 1);  // Monday 16:00: one hour today, one hour from Tuesday 07:30
    bench.run();
    REQUIRE(bench.done.size() == 1);
    const auto& [t, d] = bench.done.front();
    CHECK(t == Approx(day + 510.0).margin(1e-9));
    CHECK(d.responsible() == RouteStep::specialist);
  }
}

TEST_CASE(
    "back-office workers stay after hours while the backlog is above the threshold, up to "
    "the cap, and the minutes are published as overtime",
    "[model][back_office][route]") {
  auto p = one_clerk(10, 60.0);
  p.back_office.overtime_backlog = 2;
  p.back_office.overtime_until_min = 19 * 60;
  Bench bench(p);
  for (std::uint64_t id = 1; id <= 5; ++id) bench.hand_in(16 * 60, id);  // Monday 16:00
  bench.run();
  // Dossier 1 16:00-17:00. At 17:00 four wait (>= 2): the clerk stays; dossiers 2 and 3 are done
  // at 18:00 and 19:00, the cap: 120 minutes of overtime. Tuesday: 4 and 5 at 08:30 and 09:30;
  // at Tuesday's close nothing waits, nobody stays.
  const std::vector<double> expected{1020, 1080, 1140, day + 510, day + 570};
  REQUIRE(bench.done.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k)
    CHECK(bench.done[k].first == Approx(expected[k]).margin(1e-9));
  REQUIRE(bench.overtime.size() == 1);
  CHECK(bench.overtime[0].first == Approx(1140.0).margin(1e-9));
  CHECK(bench.overtime[0].second == Approx(120.0).margin(1e-9));
}
