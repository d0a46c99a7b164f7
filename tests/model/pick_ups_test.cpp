// PickUps alone: which finished online dossiers bring the citizen to the counter, and on which day.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/pick_ups.hpp"
#include "tests/support/office_calendar.hpp"
#include "tests/support/visit_log.hpp"

using sim::model::Channels;
using sim::model::Delivery;

namespace {

/// Monday 8 September 2025 is day 0; Monday to Friday 07:30-11:30, 13:30-17:00, tickets until
/// 16:30.
sim::model::CenterParams pickup_center(std::uint32_t days) {
  sim::model::CenterParams p;
  p.calendar = test_support::office_week(days);
  p.demand.hourly_profile.fill(1.0);
  p.domains = {{"civil_status", ""}, {"result_pickup", ""}};
  sim::model::ProcedureParams partly, fully, pickup;
  partly.dossier = fully.dossier = true;
  partly.online_weight = fully.online_weight = 1.0;
  partly.channels = Channels::online_partly;
  partly.delivery = Delivery::counter;
  fully.channels = Channels::online_fully;
  fully.delivery = Delivery::electronic;
  pickup.domain = 1;
  pickup.result_pickup = true;
  pickup.service = sim::engine::Distribution::deterministic(2.5);
  partly.share = fully.share = 0.4;
  pickup.share = 0.2;
  p.procedures = {partly, fully, pickup};
  return p;
}

/// A dossier filed at `received`, due by the end of run day `due_day`.
sim::model::Dossier filed(std::uint64_t id, std::uint32_t procedure, bool online, double received,
                          double due_day) {
  sim::model::Dossier d;
  d.id = id;
  d.procedure = procedure;
  d.online = online;
  d.received = received;
  d.deadline = (due_day + 1) * 1440.0;
  return d;
}

}  // namespace

TEST_CASE(
    "an online filing collected at the counter brings a pick-up visit on the day its result is "
    "ready, or the next working day if the citizen's hour has passed",
    "[model][pick_ups]") {
  const auto p = pickup_center(10);
  const sim::model::WorkCalendar calendar(*p.calendar);
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  test_support::VisitLog log(sim, pool);
  sim::model::PickUps pickups(sim, p, calendar, pool, log);
  const double day = 1440.0;
  // The result is ready at `ready` (the back office's on_dossier_done); the due date no longer
  // matters.
  const auto done = [&](const sim::model::Dossier& d, double ready) {
    pickups.on_dossier_done(ready, d);
  };
  done(filed(1, 0, true, 300.0, 0), 360.0);  // ready Monday 06:00, due Monday: that Monday
  // Ready Tuesday 16:59: every usual hour (07:30-16:30) has passed, so Wednesday.
  done(filed(2, 0, true, 60.0, 1), 1 * day + 1019.0);
  // Ready Saturday 10:00 (filed Friday 23:00, due Monday 15/9): the next working day, Monday.
  done(filed(3, 0, true, 4 * day + 1380.0, 7), 5 * day + 600.0);
  // Filed Monday, due Wednesday, ready Monday 06:00: comes that Monday, not on the due date.
  done(filed(4, 0, true, 300.0, 2), 360.0);
  // Late: due Monday, ready Thursday 06:00: comes Thursday, when it is done.
  done(filed(8, 0, true, 300.0, 0), 3 * day + 360.0);
  done(filed(5, 0, true, 9 * day + 600.0, 10), 10 * day + 60.0);  // ready after the run: no visit
  done(filed(6, 1, true, 300.0, 0), 360.0);   // delivered electronically: no visit
  done(filed(7, 0, false, 300.0, 0), 360.0);  // filed at the counter: in the mix instead
  sim.run();
  REQUIRE(log.lines.size() == 5);
  std::vector<std::pair<std::uint64_t, double>> seen;  // (dossier, day of the visit)
  for (const auto& text : log.lines) {
    std::istringstream line(text);
    double t = 0;
    std::string what;
    std::uint64_t id = 0;
    line >> t >> what >> id;
    CHECK(what == "arrive");
    const double d = std::floor(t / day), minute = t - d * day;
    CHECK(minute >= 450.0);  // inside the day's arrival profile: open, before the ticket stop
    CHECK(minute < 990.0);
    CHECK((minute < 690.0 || minute >= 810.0));
    seen.emplace_back(id - sim::model::PickUps::id_base, d);
  }
  std::sort(seen.begin(), seen.end());
  const std::vector<std::pair<std::uint64_t, double>> expected = {
      {1, 0}, {2, 2}, {3, 7}, {4, 0}, {8, 3}};
  CHECK(seen == expected);
  // The visitors come for the pick-up procedure, queue for its domain and need its service.
  for (sim::model::CitizenIndex i = 0; i < pool.in_use(); ++i) {
    CHECK(pool[i].procedure == 2);
    CHECK(pool[i].queue == 1);
    CHECK(pool[i].service_need == 2.5);
  }
}

TEST_CASE("a catalogue without a pick-up procedure makes no pick-up visits", "[model][pick_ups]") {
  auto p = pickup_center(5);
  p.procedures[2].result_pickup = false;
  const sim::model::WorkCalendar calendar(*p.calendar);
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  test_support::VisitLog log(sim, pool);
  sim::model::PickUps pickups(sim, p, calendar, pool, log);
  pickups.on_dossier_done(360.0, filed(1, 0, true, 300.0, 0));
  sim.run();
  CHECK(log.lines.empty());
}
