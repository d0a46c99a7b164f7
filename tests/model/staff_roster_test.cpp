// StaffRoster alone: who sits at a counter, by weekday, secondment, absence and Saturday.
#include <catch2/catch.hpp>

#include "sim/engine/simulation.hpp"
#include "sim/model/staff_roster.hpp"

using sim::model::CenterParams;
using sim::model::DayPlan;
using sim::model::no_index;
using sim::model::StaffParams;
using sim::model::StaffRoster;

TEST_CASE("a counter gets the first of its staff who works that day and is not away",
          "[model][staff_roster]") {
  // Counter 0: Lan works Mondays only, Minh every day but is always absent, Hoa is seconded
  // for days 3..5. Counter 1 has nobody.
  CenterParams p;
  p.counters = {{"0", {0}, {}, {}}, {"1", {0}, {}, {}}};
  StaffParams lan{"Lan", 0, {1.0}}, minh{"Minh", 0, {1.0}}, hoa{"Hoa", 0, {1.0}};
  lan.works = {true, false, false, false, false, false, false};
  minh.absence_prob = 1.0;
  hoa.first_day = 3;
  hoa.last_day = 5;
  p.staff = {lan, minh, hoa};
  const sim::engine::Simulation sim;
  const StaffRoster roster(sim, p);
  DayPlan monday, tuesday;
  monday.weekday = monday.schedule = 0;
  tuesday.weekday = tuesday.schedule = 1;
  CHECK(roster.staff_for(0, 0, &monday, 0) == 0);          // Lan
  CHECK(roster.staff_for(0, 1, &tuesday, 1) == no_index);  // Lan off, Minh away, Hoa not yet
  CHECK(roster.staff_for(0, 3, &tuesday, 0) == 2);         // Hoa
  CHECK(roster.staff_for(0, 6, &tuesday, 0) == no_index);  // Hoa gone again
  CHECK(roster.staff_for(1, 0, &monday, 0) == no_index);
}

TEST_CASE("on a Friendly Saturday only counters of a Saturday domain are staffed",
          "[model][staff_roster]") {
  CenterParams p;
  p.domains.push_back({"land", "land"});
  p.counters = {{"civil", {0}, {}, {}}, {"land", {1}, {}, {}}};
  p.staff = {{"a", 0, {1.0, 1.0}}, {"b", 1, {1.0, 1.0}}};
  sim::model::SaturdayParams saturday;
  saturday.domains = {true, false};
  p.saturday = saturday;
  const sim::engine::Simulation sim;
  const StaffRoster roster(sim, p);
  DayPlan sat, mon;
  sat.weekday = sat.schedule = 5;
  mon.weekday = mon.schedule = 0;
  CHECK(roster.staff_for(0, 5, &sat, 0) == 0);
  CHECK(roster.staff_for(1, 5, &sat, 0) == no_index);
  CHECK(roster.staff_for(1, 7, &mon, 0) == 1);
}
