// WalkIns alone: the station form's renewal arrivals, and thinning of the online share.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/walk_ins.hpp"
#include "tests/support/visit_log.hpp"

using sim::engine::Distribution;

TEST_CASE("walk-ins arrive every interarrival gap until the end of arrivals, numbered from 0",
          "[model][walk_ins]") {
  // Gaps of 2 from 0, arrivals until 7: citizens 0, 1, 2 at 2, 4, 6.
  auto p = sim::model::station_params(1, Distribution::deterministic(2.0),
                                      Distribution::deterministic(1.0), std::nullopt, 0.0, 7.0);
  sim::engine::Simulation sim;
  sim::model::CitizenPool pool;
  test_support::VisitLog log(sim, pool);
  sim::model::WalkIns walk_ins(sim, p, pool, log);
  walk_ins.start_day(0, nullptr);
  walk_ins.schedule_first();
  sim.run();
  const std::vector<std::string> expected = {"2 arrive 0", "4 arrive 1", "6 arrive 2"};
  CHECK(log.lines == expected);
  CHECK(pool.in_use() == 3);  // the router keeps them

  p.demand.online_share = 1.0;  // everyone files online: nobody walks in
  sim::engine::Simulation sim2;
  sim::model::CitizenPool pool2;
  test_support::VisitLog log2(sim2, pool2);
  sim::model::WalkIns online(sim2, p, pool2, log2);
  online.start_day(0, nullptr);
  online.schedule_first();
  sim2.run();
  CHECK(log2.lines.empty());
  CHECK(pool2.in_use() == 0);
}
