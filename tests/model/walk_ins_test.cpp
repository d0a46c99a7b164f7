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
  p.demand.online_share = 1.0;  // an in-person procedure is never thinned, whatever the share
  CHECK(arrivals(p) == expected);
  p.procedures.front().channels = sim::model::Channels::online_fully;
  p.procedures.front().online_weight = 1.0;
  CHECK(arrivals(p).empty());  // everyone files online: nobody walks in
}

TEST_CASE("the online share moves only walk-ins whose procedure may be filed online",
          "[model][walk_ins]") {
  // Two procedures, half the mix each: signature certification (in person only) and a copy that
  // may be filed online. An online share of 0.5 is all the eligible half: every copy is filed
  // online and every walk-in is a signature, as many as with no online filing at all.
  auto p = sim::model::station_params(1, Distribution::deterministic(1.0),
                                      Distribution::deterministic(1.0), std::nullopt, 0.0, 200.0);
  p.domains = {{"certification", ""}};
  sim::model::ProcedureParams signature, copy;
  signature.share = copy.share = 0.5;
  copy.channels = sim::model::Channels::online_fully;
  copy.online_weight = 1.0;
  p.procedures = {signature, copy};
  CHECK(sim::model::online_eligible_share(p) == 0.5);
  p.demand.online_share = 0.25;  // half the eligible walk-ins: chance 0.25 / 0.5
  CHECK(sim::model::online_chance(p, copy) == 0.5);
  CHECK(sim::model::online_chance(p, signature) == 0.0);
  const auto walk_ins = [](const sim::model::CenterParams& params, std::uint32_t procedure) {
    sim::engine::Simulation sim;
    sim::model::CitizenPool pool;
    test_support::VisitLog log(sim, pool);
    sim::model::WalkIns walk_ins(sim, params, pool, log);
    walk_ins.start_day(0, nullptr);
    walk_ins.schedule_first();
    sim.run();
    std::size_t n = 0;  // the log keeps every citizen handed on, in slots 0, 1, ...
    for (sim::model::CitizenIndex i = 0; i < pool.in_use(); ++i)
      n += pool[i].procedure == procedure;
    return n;
  };
  const auto signatures = walk_ins(p, 0);
  p.demand.online_share = 0.5;
  CHECK(walk_ins(p, 0) == signatures);  // the same signature walk-ins, drawn the same way
  CHECK(walk_ins(p, 1) == 0);
  p.demand.online_share = 0.0;
  CHECK(walk_ins(p, 0) == signatures);
  CHECK(walk_ins(p, 1) == 199 - signatures);  // arrivals at 1, 2, ..., 199
}
