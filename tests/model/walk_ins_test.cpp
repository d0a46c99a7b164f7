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
  const auto arrivals = [](const sim::model::CenterParams& params) {
    sim::engine::Simulation sim;
    sim::model::CitizenPool pool;
    test_support::VisitLog log(sim, pool);
    sim::model::WalkIns walk_ins(sim, params, pool, log);
    walk_ins.start_day(0, nullptr);
    walk_ins.schedule_first();
    sim.run();
    CHECK(pool.in_use() == log.lines.size());  // the router keeps every citizen handed on
    return log.lines;
  };
  const std::vector<std::string> expected = {"2 arrive 0", "4 arrive 1", "6 arrive 2"};
  CHECK(arrivals(p) == expected);
  p.demand.online_share = 1.0;  // everyone files online: nobody walks in
  CHECK(arrivals(p).empty());
}
