// Center model: hand-computed trajectories, stream isolation and conservation of citizens.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center.hpp"
#include "sim/scenario/model_builder.hpp"
#include "tests/support/center_recorder.hpp"

using sim::engine::Distribution;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::Center;
using sim::model::CenterParams;
using sim::model::station_params;

namespace {
/// The recorder's visit lines of a run: arrivals, calls, ends and departures.
std::vector<std::string> run_lines(const CenterParams& params) {
  return test_support::record_run(params, 7).lines_of({"arrive", "call", "done", "leave"});
}

std::vector<double> arrival_times(const test_support::CenterRecorder& r) {
  std::vector<double> t;
  for (const auto& v : r.visits) t.push_back(v.arrival);
  return t;
}
}  // namespace

TEST_CASE(
    "a single counter with fixed gaps, service and patience follows the hand-computed trajectory",
    "[model]") {
  // Arrivals every 1 min from t=1 (last at t=5), service 2.5 min, patience 3 min, one counter.
  // By hand: 0 is called at once and leaves at 3.5; 1 is called at 3.5 and leaves at 6;
  // 2 would renege at 6, but the counter frees at 6 and completions go first at equal times,
  // so 2 is called at exactly 6 and leaves at 8.5; 3 and 4 renege at 7 and 8.
  const auto p =
      station_params(1, Distribution::deterministic(1.0), Distribution::deterministic(2.5),
                     Distribution::deterministic(3.0), 0.0, 5.5);
  const std::vector<std::string> expected = {
      "1 arrive 0",        "1 call 0 @0",       "2 arrive 1",   "3 arrive 2",  "3.5 done 0 @0",
      "3.5 call 1 @0",     "4 arrive 3",        "5 arrive 4",   "6 done 1 @0", "6 call 2 @0",
      "7 leave 3 reneged", "8 leave 4 reneged", "8.5 done 2 @0"};
  CHECK(run_lines(p) == expected);
}

TEST_CASE(
    "a counter that calls its next ticket as its service ends is reported busy only, one left "
    "with no ticket idle",
    "[model][observers]") {
  // The run below, by counter: both open idle at 0; counter 0 is busy 1..3.5, calls citizen 2
  // at once (busy again at 3.5, no idle report), idle at 6; counter 1 busy 2..4.5, calls 3 at
  // once, idle at 7. States: 1 idle, 2 busy (CounterState).
  const auto p = station_params(2, Distribution::deterministic(1.0),
                                Distribution::deterministic(2.5), std::nullopt, 0.0, 4.5);
  const std::vector<std::string> expected = {
      "0 counter 0 0 1",   "0 counter 1 1 1",   "1 counter 0 0 2", "2 counter 1 1 2",
      "3.5 counter 0 0 2", "4.5 counter 1 1 2", "6 counter 0 0 1", "7 counter 1 1 1"};
  CHECK(test_support::record_run(p, 7).trace_of({"counter"}) == expected);
}

TEST_CASE("two counters share one queue and the lowest-numbered idle counter is used first",
          "[model]") {
  // Arrivals at 1, 2, 3, 4 (gap 1), service 2.5, two counters, no patience.
  // 0 → counter 0 (1..3.5); 1 → counter 1 (2..4.5); 2 waits, called at 3.5 by counter 0
  // (to 6); 3 waits, called at 4.5 by counter 1 (to 7).
  const auto p = station_params(2, Distribution::deterministic(1.0),
                                Distribution::deterministic(2.5), std::nullopt, 0.0, 4.5);
  const std::vector<std::string> expected = {"1 arrive 0",    "1 call 0 @0", "2 arrive 1",
                                             "2 call 1 @1",   "3 arrive 2",  "3.5 done 0 @0",
                                             "3.5 call 2 @0", "4 arrive 3",  "4.5 done 1 @1",
                                             "4.5 call 3 @1", "6 done 2 @0", "7 done 3 @1"};
  CHECK(run_lines(p) == expected);
}

TEST_CASE("adding a counter leaves every arrival time and service need unchanged", "[model]") {
  const auto make = [](std::uint32_t counters) {
    return station_params(counters, Distribution::exponential(1.0 / 1.8),
                          Distribution::lognormal_median_cv(1.0, 0.8),
                          Distribution::exponential(3.0), 0.2, 2000.0);
  };
  const auto two = test_support::record_run(make(2), 7);
  const auto three = test_support::record_run(make(3), 7);
  REQUIRE(two.visits.size() > 3000);  // about 1.8 * 2000 arrivals
  CHECK(arrival_times(two) == arrival_times(three));
  // The arrival lines of the trace carry each citizen's service need and patience, in full.
  const auto arrivals = [](const test_support::CenterRecorder& r) {
    std::vector<std::string> out;
    for (const auto& l : r.trace) {
      if (l.find(" arrive ") != std::string::npos) out.push_back(l);
    }
    return out;
  };
  CHECK(arrivals(two) == arrivals(three));
  CHECK(two.lines != three.lines);  // the layout change does change who waits how long
}

TEST_CASE("every citizen who arrives is served, reneges or is still inside, at every moment",
          "[model]") {
  const auto p =
      station_params(3, Distribution::exponential(1.0 / 3.2), Distribution::exponential(1.0),
                     Distribution::exponential(2.0), 0.0, 500.0);
  auto params = p;
  params.center_id = 5;
  const auto scenario = sim::scenario::scenario_of(params, 500.0);
  sim::scenario::ReplicationModel model(scenario, 11, 2);
  auto& sim = model.simulation();
  auto& center = model.center();
  test_support::CenterRecorder r;
  center.add_observer(r);
  center.start();
  for (double t = 10; t <= 500; t += 10) {
    sim.run_until(t);
    INFO("t = " << t);
    std::size_t served = 0, left = 0;
    for (const auto& v : r.visits) {
      served += v.served.has_value();
      left += v.left.has_value();
    }
    REQUIRE(r.visits.size() == served + left + center.citizens_inside());
    REQUIRE(center.citizens_inside() == center.queue_length() + center.busy_counters());
  }
  sim.run();
  CHECK(center.citizens_inside() == 0);
  std::size_t served = 0, reneged = 0;
  for (const auto& v : r.visits) {
    served += v.served.has_value();
    reneged += v.reason == sim::model::LeaveReason::reneged;
  }
  CHECK(r.visits.size() == served + reneged);
  CHECK(reneged > 0);
}
