// PickUps alone: which finished online dossiers bring the citizen to the counter, and on which day.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/pick_ups.hpp"
#include "tests/support/visit_log.hpp"

using sim::model::Channels;
using sim::model::Delivery;

namespace {

/// Monday 8 September 2025 is day 0; Monday to Friday 07:30-11:30, 13:30-17:00, tickets until
/// 16:30.
sim::model::CenterParams pickup_center(std::uint32_t days) {
  sim::model::CenterParams p;
  sim::model::CalendarSpec spec;
  spec.start = std::chrono::year{2025} / 9 / 8;
  spec.days = days;
  for (unsigned w = 0; w < 5; ++w) {
    spec.sessions[w] = {sim::model::Session{450, 690}, sim::model::Session{810, 1020}};
    spec.ticket_stop_min[w] = 990;
  }
  p.calendar = spec;
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

sim::model::Dossier finished(std::uint64_t id, std::uint32_t procedure, bool online) {
  sim::model::Dossier d;
  d.id = id;
  d.procedure = procedure;
  d.online = online;
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
  pickups.on_dossier_done(360.0, finished(1, 0, true));  // Monday 06:00: that Monday
  // Tuesday 16:59: every usual hour (07:30-16:30) has passed, so Wednesday.
  pickups.on_dossier_done(1 * day + 1019.0, finished(2, 0, true));
  pickups.on_dossier_done(4 * day + 1380.0, finished(3, 0, true));  // Friday 23:00: Monday 15/9
  pickups.on_dossier_done(9 * day + 1380.0, finished(4, 0, true));  // after the last open day
  pickups.on_dossier_done(360.0, finished(5, 1, true));   // delivered electronically: no visit
  pickups.on_dossier_done(360.0, finished(6, 0, false));  // filed at the counter: in the mix
  sim.run();
  REQUIRE(log.lines.size() == 3);
  const std::vector<std::pair<std::uint64_t, int>> expected = {{1, 0}, {2, 2}, {3, 7}};
  for (std::size_t k = 0; k < expected.size(); ++k) {
    std::istringstream line(log.lines[k]);
    double t = 0;
    std::string what;
    std::uint64_t id = 0;
    line >> t >> what >> id;
    CHECK(what == "arrive");
    CHECK(id == sim::model::PickUps::id_base + expected[k].first);
    CHECK(std::floor(t / day) == expected[k].second);
    const double minute = t - expected[k].second * day;
    CHECK(minute >= 450.0);  // inside the day's arrival profile: open, before the ticket stop
    CHECK(minute < 990.0);
    CHECK((minute < 690.0 || minute >= 810.0));
  }
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
  pickups.on_dossier_done(360.0, finished(1, 0, true));
  sim.run();
  CHECK(log.lines.empty());
}
