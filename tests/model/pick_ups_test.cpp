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
    "an online filing collected at the counter brings a pick-up visit on its due date, or the next "
    "working day if the citizen's hour has passed",
    "[model][pick_ups]") {
  const auto p = pickup_center(10);
  const sim::model::WorkCalendar calendar(*p.calendar);
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  test_support::VisitLog log(sim, pool);
  sim::model::PickUps pickups(sim, p, calendar, pool, log);
  const double day = 1440.0;
  const auto file = [&](const sim::model::Dossier& d) {
    pickups.on_dossier_received(d.received, d);
  };
  file(filed(1, 0, true, 360.0, 0));  // Monday 06:00, due Monday: that Monday
  // Tuesday 16:59, due Tuesday: every usual hour (07:30-16:30) has passed, so Wednesday.
  file(filed(2, 0, true, 1 * day + 1019.0, 1));
  file(filed(3, 0, true, 4 * day + 1380.0, 7));  // Friday 23:00, due Monday 15/9: that Monday
  file(filed(4, 0, true, 360.0, 2));             // Monday, due Wednesday: the appointment day
  file(filed(5, 0, true, 9 * day + 600.0, 10));  // due after the run's last day: no visit
  file(filed(6, 1, true, 360.0, 0));             // delivered electronically: no visit
  file(filed(7, 0, false, 360.0, 0));            // filed at the counter: in the mix instead
  sim.run();
  REQUIRE(log.lines.size() == 4);
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
  const std::vector<std::pair<std::uint64_t, double>> expected = {{1, 0}, {2, 2}, {3, 7}, {4, 2}};
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
  pickups.on_dossier_received(360.0, filed(1, 0, true, 360.0, 0));
  sim.run();
  CHECK(log.lines.empty());
}
