// Back office, seconded workers: dedicated workers who join on a given day of the run.
#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/office_calendar.hpp"

using sim::engine::Distribution;
using sim::model::CenterParams;

namespace {

/// Records when each dossier's processing is done.
struct DoneLog : sim::model::CenterObserver {
  std::vector<double> done;
  void on_dossier_done(sim::engine::SimTime t, const sim::model::Dossier&) override {
    done.push_back(t);
  }
};

/// Two weekdays (07:30-11:30, 13:30-17:00), 40 walk-in dossiers a day of 30 back-office minutes;
/// counter staff take no back-office work and the only worker is seconded from `from`.
CenterParams seconded_center(double from) {
  CenterParams p;
  p.calendar = test_support::office_week(2);
  p.domains = {{"certification", ""}};
  sim::model::ProcedureParams proc;
  proc.dossier = true;
  proc.deadline_working_days = 3;
  proc.service = Distribution::deterministic(5.0);
  proc.back_office = Distribution::deterministic(30.0);
  p.procedures = {proc};
  p.counters = {{"1", {0}, {}, {}}};
  p.staff = {{"staff 1", 0, {1.0}}};
  p.demand.daily_visits = 40.0;
  p.demand.hourly_profile.fill(0.0);
  for (int h = 8; h < 16; ++h) p.demand.hourly_profile[h] = 1.0;
  p.back_office.counter_staff = false;
  p.back_office.slice_min = 30.0;
  p.back_office.seconded = 1;
  p.back_office.seconded_from = from;
  return p;
}

std::vector<double> run(const CenterParams& p) {
  const auto scenario = sim::scenario::scenario_of(p, 2 * 1440.0);
  sim::scenario::ReplicationModel model(scenario, 11, 0);
  DoneLog log;
  model.center().add_observer(log);
  model.center().start();
  model.simulation().run();
  return log.done;
}

}  // namespace

TEST_CASE("a seconded worker processes nothing before the day of arrival and then works the hours",
          "[model][back_office][secondment]") {
  const auto done = run(seconded_center(1440.0));
  // Day one's ~40 dossiers wait (P(fewer than 8 arrive) < 1e-9 at a Poisson mean of 40). On day
  // two the worker opens at 07:30 (minute 1890) with that backlog and finishes one 30-minute
  // dossier every 30 minutes: 1920, 1950, ..., 2130 by 11:30 (minute 2130).
  REQUIRE(done.size() >= 8);
  for (std::size_t k = 0; k < 8; ++k) CHECK(done[k] == 1890.0 + 30.0 * (k + 1));
  // Nothing in the lunch break: the next is at 13:30 + 30 (minute 2280).
  REQUIRE(done.size() >= 9);
  CHECK(done[8] == 2280.0);
}

TEST_CASE("a worker seconded from the first minute works on the first day",
          "[model][back_office][secondment]") {
  const auto done = run(seconded_center(0.0));
  REQUIRE(!done.empty());
  CHECK(done.front() < 1440.0);
}
