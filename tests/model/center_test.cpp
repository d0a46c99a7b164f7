// Center model: hand-computed trajectories, stream isolation and conservation of citizens.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/center.hpp"

using sim::engine::Distribution;
using sim::engine::SimTime;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::Center;
using sim::model::CenterObserver;
using sim::model::CenterParams;
using sim::model::Citizen;
using sim::model::station_params;

namespace {
/// Writes every signal as a line "t event citizen [counter]" so a run can be compared with
/// a trajectory worked out by hand.
class Recorder : public CenterObserver {
 public:
  std::vector<std::string> lines;
  std::vector<double> arrival_times;
  std::vector<double> service_needs;
  void on_arrival(SimTime t, const Citizen& c) override {
    add(t, "arrive", c.id);
    arrival_times.push_back(t);
    service_needs.push_back(c.service_need);
  }
  void on_service_start(SimTime t, const Citizen& c, std::uint32_t k) override {
    add(t, "call", c.id, static_cast<int>(k));
  }
  void on_service_end(SimTime t, const Citizen& c, std::uint32_t k) override {
    add(t, "done", c.id, static_cast<int>(k));
  }
  void on_leave(SimTime t, const Citizen& c, sim::model::LeaveReason r) override {
    if (r == sim::model::LeaveReason::reneged) add(t, "renege", c.id);
  }

 private:
  void add(SimTime t, const char* what, std::uint64_t id, int counter = -1) {
    std::ostringstream line;
    line << t << ' ' << what << ' ' << id;
    if (counter >= 0) line << " @" << counter;
    lines.push_back(line.str());
  }
};

/// Counts citizens by fate, to check arrived = served + reneged + inside at all times.
class Balance : public CenterObserver {
 public:
  std::uint64_t arrived = 0, served = 0, reneged = 0;
  void on_arrival(SimTime, const Citizen&) override { ++arrived; }
  void on_served(SimTime, const Citizen&) override { ++served; }
  void on_leave(SimTime, const Citizen&, sim::model::LeaveReason) override { ++reneged; }
};

Recorder run_recorded(const CenterParams& params, SimTime until = 1e300) {
  Simulation sim(StreamSeed{7, 0, 0});
  Center center(sim, params);
  Recorder recorder;
  center.add_observer(recorder);
  center.start();
  sim.run_until(until);
  return recorder;
}
}  // namespace

TEST_CASE("a single counter with fixed gaps, service and patience follows the hand-computed trajectory",
          "[model]") {
  // Arrivals every 1 min from t=1 (last at t=5), service 2.5 min, patience 3 min, one counter.
  // By hand: 0 is called at once and leaves at 3.5; 1 is called at 3.5 and leaves at 6;
  // 2 would renege at 6, but the counter frees at 6 and completions go first at equal times,
  // so 2 is called at exactly 6 and leaves at 8.5; 3 and 4 renege at 7 and 8.
  const auto p = station_params(1, Distribution::deterministic(1.0), Distribution::deterministic(2.5),
                                Distribution::deterministic(3.0), 0.0, 5.5);
  const auto r = run_recorded(p);
  const std::vector<std::string> expected = {
      "1 arrive 0", "1 call 0 @0",   "2 arrive 1",   "3 arrive 2",   "3.5 done 0 @0",
      "3.5 call 1 @0", "4 arrive 3", "5 arrive 4",   "6 done 1 @0",  "6 call 2 @0",
      "7 renege 3",  "8 renege 4",  "8.5 done 2 @0"};
  CHECK(r.lines == expected);
}

TEST_CASE("two counters share one queue and the lowest-numbered idle counter is used first", "[model]") {
  // Arrivals at 1, 2, 3, 4 (gap 1), service 2.5, two counters, no patience.
  // 0 → counter 0 (1..3.5); 1 → counter 1 (2..4.5); 2 waits, called at 3.5 by counter 0
  // (to 6); 3 waits, called at 4.5 by counter 1 (to 7).
  const auto p = station_params(2, Distribution::deterministic(1.0), Distribution::deterministic(2.5),
                                std::nullopt, 0.0, 4.5);
  const auto r = run_recorded(p);
  const std::vector<std::string> expected = {
      "1 arrive 0", "1 call 0 @0",   "2 arrive 1", "2 call 1 @1",   "3 arrive 2",
      "3.5 done 0 @0", "3.5 call 2 @0", "4 arrive 3", "4.5 done 1 @1", "4.5 call 3 @1",
      "6 done 2 @0", "7 done 3 @1"};
  CHECK(r.lines == expected);
}

TEST_CASE("adding a counter leaves every arrival time and service need unchanged", "[model]") {
  const auto make = [](std::uint32_t counters) {
    return station_params(counters, Distribution::exponential(1.0 / 1.8),
                          Distribution::lognormal_median_cv(1.0, 0.8), Distribution::exponential(3.0),
                          0.2, 2000.0);
  };
  const auto two = run_recorded(make(2));
  const auto three = run_recorded(make(3));
  REQUIRE(two.arrival_times.size() > 3000);  // about 1.8 * 2000 arrivals
  CHECK(two.arrival_times == three.arrival_times);
  CHECK(two.service_needs == three.service_needs);
  CHECK(two.lines != three.lines);  // the layout change does change who waits how long
}

TEST_CASE("every citizen who arrives is served, reneges or is still inside, at every moment", "[model]") {
  const auto p = station_params(3, Distribution::exponential(1.0 / 3.2), Distribution::exponential(1.0),
                                Distribution::exponential(2.0), 0.0, 500.0);
  Simulation sim(StreamSeed{11, 2, 5});
  Center center(sim, p);
  Balance balance;
  center.add_observer(balance);
  center.start();
  for (double t = 10; t <= 500; t += 10) {
    sim.run_until(t);
    INFO("t = " << t);
    REQUIRE(balance.arrived == balance.served + balance.reneged + center.citizens_inside());
    REQUIRE(center.citizens_inside() == center.queue_length() + center.busy_counters());
  }
  sim.run();
  CHECK(center.citizens_inside() == 0);
  CHECK(balance.arrived == balance.served + balance.reneged);
  CHECK(balance.reneged > 0);
}
