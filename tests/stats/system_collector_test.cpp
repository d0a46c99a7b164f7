// Unit tests of SystemCollector: downtime integrals, episodes, effects and delays from hand-made
// signals.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "sim/stats/system_collector.hpp"

using sim::model::SystemEffect;
using sim::model::SystemState;
using sim::stats::SystemCollector;

namespace {
/// Column index of a table by name, so the checks survive added columns.
std::size_t column(const std::string& name) {
  const auto& cols = SystemCollector::table_defs().at(0).columns;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (cols[c].name == name) return c;
  }
  FAIL("no column " << name);
  return 0;
}
std::size_t metric(const std::string& name) {
  const auto& defs = SystemCollector::metrics();
  for (std::size_t m = 0; m < defs.size(); ++m) {
    if (defs[m].name == name) return m;
  }
  FAIL("no metric " << name);
  return 0;
}

/// System 0 of a 1,000-minute run goes through every kind of change; system 1 never changes.
void feed_known_sequence(SystemCollector& c) {
  c.on_system_state(100, 0, SystemState::degraded, 1.5);
  c.on_system_state(160, 0, SystemState::down, 1.0);
  c.on_system_state(200, 0, SystemState::degraded, 2.0);  // repaired into a degraded state
  c.on_system_state(230, 0, SystemState::degraded, 3.0);  // same state, new factor
  c.on_system_state(250, 0, SystemState::up, 1.0);
  c.on_system_state(400, 0, SystemState::down, 1.0);
  c.on_system_state(460, 0, SystemState::up, 1.0);
}
}  // namespace

TEST_CASE("down and degraded minutes integrate the effective state and close at each day end",
          "[stats]") {
  SystemCollector c(2, 1000.0, 3);
  feed_known_sequence(c);
  c.on_day_end(500, 0);
  // Down [160, 200) + [400, 460) = 40 + 60; degraded [100, 160) + [200, 250) = 60 + 50.
  CHECK(c.down_minutes(0) == Approx(100.0));
  CHECK(c.degraded_minutes(0) == Approx(110.0));
  CHECK(c.observed_minutes() == Approx(500.0));
  CHECK(c.availability(0) == Approx(1.0 - 100.0 / 500.0));

  // Down again 10 minutes before the run's end and repaired after it: only 10 minutes count,
  // and the repair after run_end neither adds time nor an episode.
  c.on_system_state(990, 0, SystemState::down, 1.0);
  c.on_system_state(1010, 0, SystemState::up, 1.0);
  c.on_system_state(1020, 1, SystemState::down, 1.0);
  c.on_day_end(1440, 1);
  CHECK(c.down_minutes(0) == Approx(110.0));
  CHECK(c.observed_minutes() == Approx(1000.0));
  CHECK(c.availability(0) == Approx(0.89));
  CHECK(c.down_minutes(1) == 0.0);
  CHECK(c.availability(1) == 1.0);
  CHECK(c.outages(1) == 0);

  // Factor-weighted minutes: 1.5 x 60 + 2 x 30 + 3 x 20 = 210 over 110 degraded minutes.
  CHECK(c.degraded_factor_mean(0) == Approx(210.0 / 110.0));
  CHECK(std::isnan(c.degraded_factor_mean(1)));
}

TEST_CASE("an outage episode is a change into down and a new factor is not a new episode",
          "[stats]") {
  SystemCollector c(1, 1000.0);
  feed_known_sequence(c);
  c.on_system_state(990, 0, SystemState::down, 1.0);
  c.finish(1000);
  CHECK(c.outages(0) == 3);            // at 160, 400 and 990
  CHECK(c.degraded_episodes(0) == 2);  // at 100 and 200; the factor change at 230 is not one
}

TEST_CASE(
    "without days the integrals are closed by finish and a still-down system counts to the end",
    "[stats]") {
  SystemCollector c(1);  // no run end: the station form
  c.on_system_state(10, 0, SystemState::down, 1.0);
  CHECK(std::isnan(c.availability(0)));  // nothing observed yet
  c.finish(70);
  CHECK(c.down_minutes(0) == Approx(60.0));
  CHECK(c.availability(0) == Approx(1.0 - 60.0 / 70.0));
  c.finish(70);  // closing twice adds nothing
  CHECK(c.down_minutes(0) == Approx(60.0));
}

TEST_CASE("citizens are counted per system and effect and dossier delays per system", "[stats]") {
  SystemCollector c(2, 1000.0, 4);
  const sim::model::Citizen someone;
  const sim::model::Dossier dossier;
  for (int i = 0; i < 3; ++i) c.on_system_effect(500, someone, 0, SystemEffect::paper);
  c.on_system_effect(510, someone, 0, SystemEffect::sent_home);
  c.on_system_effect(520, someone, 1, SystemEffect::hand_ticket);
  c.on_system_effect(530, someone, 1, SystemEffect::degraded);
  c.on_dossier_delayed(600, dossier, 1);
  c.on_dossier_delayed(700, dossier, 1);  // the same dossier delayed twice counts twice
  c.on_system_state(100, 1, SystemState::down, 1.0);
  c.on_system_state(130, 1, SystemState::up, 1.0);
  c.finish(1000);

  CHECK(c.citizens_affected(0, SystemEffect::paper) == 3);
  CHECK(c.citizens_affected(0, SystemEffect::sent_home) == 1);
  CHECK(c.citizens_affected(0, SystemEffect::hand_ticket) == 0);
  CHECK(c.citizens_affected(1, SystemEffect::hand_ticket) == 1);
  CHECK(c.dossier_delays(0) == 0);
  CHECK(c.dossier_delays(1) == 2);

  const auto rows = c.tables().at(0);
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][column("replication")] == 4.0);
  CHECK(rows[1][column("system")] == 1.0);
  CHECK(rows[1][column("down")] == Approx(30.0));
  CHECK(rows[1][column("availability")] == Approx(0.97));
  CHECK(rows[1][column("outages")] == 1.0);
  CHECK(rows[0][column("citizens_paper")] == 3.0);
  CHECK(rows[0][column("citizens_sent_home")] == 1.0);
  CHECK(rows[1][column("citizens_degraded")] == 1.0);
  CHECK(rows[1][column("dossier_delays")] == 2.0);

  // The summary adds over systems.
  const auto row = c.row();
  REQUIRE(row.size() == SystemCollector::metrics().size());
  CHECK(row[metric("system_down")] == Approx(30.0));
  CHECK(row[metric("system_outages")] == 1.0);
  CHECK(row[metric("system_citizens_paper")] == 3.0);
  CHECK(row[metric("system_citizens_hand_ticket")] == 1.0);
  CHECK(row[metric("system_dossier_delays")] == 2.0);
}
