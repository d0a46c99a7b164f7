// Software systems on their own: alternating failure and repair, scheduled episodes and the
// propagation of outages along dependencies.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/system_board.hpp"

using sim::engine::Distribution;
using sim::engine::Simulation;
using sim::engine::StreamSeed;
using sim::model::SystemBoard;
using sim::model::SystemEpisode;
using sim::model::SystemListener;
using sim::model::SystemParams;
using sim::model::SystemState;

namespace {

struct Change {
  double t;
  std::uint32_t system;
  SystemState before, now;
  double factor;
};

/// Records every effective-state change the board reports.
class Recorder : public SystemListener {
 public:
  explicit Recorder(const Simulation& sim) : sim_(sim) {}
  void on_system_change(std::uint32_t s, SystemState before, SystemState now,
                        double factor) override {
    changes.push_back(Change{sim_.now(), s, before, now, factor});
  }
  std::vector<Change> changes;

 private:
  const Simulation& sim_;
};

SystemParams make_system(const char* id, std::vector<std::uint32_t> depends_on = {}) {
  SystemParams p;
  p.id = id;
  p.name = id;
  p.depends_on = std::move(depends_on);
  return p;
}

SystemEpisode episode(double start, double end, SystemState state, double factor = 1.0) {
  return SystemEpisode{start, end, state, factor};
}

}  // namespace

TEST_CASE("an alternating up-down system is available MTBF / (MTBF + MTTR) of the time",
          "[model][systems]") {
  // Up times exponential with mean 100 min, repairs lognormal with mean 25 min and sd 25 min:
  // the long-run availability of an alternating renewal process is E[up] / (E[up] + E[down])
  // = 100 / 125 = 0.8 whatever the two distributions are.
  const double mtbf = 100.0, mttr = 25.0, horizon = 400'000.0;
  std::vector<SystemParams> systems{make_system("portal")};
  systems[0].time_to_failure = Distribution::exponential(mtbf);
  systems[0].repair_time = Distribution::lognormal_mean_sd(mttr, 25.0);
  Simulation sim(StreamSeed{2025, 0, 0});
  Recorder rec(sim);
  SystemBoard board(sim, systems, horizon, rec);
  board.start();
  sim.run();

  // Cycles (up_i, down_i) are i.i.d.; availability is the ratio estimator sum(up) / sum(cycle).
  std::vector<double> up, down;
  double last = 0.0;
  for (const Change& c : rec.changes) {
    (c.now == SystemState::down ? up : down).push_back(c.t - last);
    last = c.t;
  }
  const std::size_t n = down.size();  // complete cycles only
  REQUIRE(n > 2000);
  double sum_up = 0.0, sum_cycle = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sum_up += up[i];
    sum_cycle += up[i] + down[i];
  }
  const double a = sum_up / sum_cycle;
  // Standard error of a ratio estimator (delta method): sd of up_i - a (up_i + down_i)
  // over sqrt(n) times the mean cycle length.
  double ss = 0.0;
  for (std::size_t i = 0; i < n; ++i) ss += std::pow(up[i] - a * (up[i] + down[i]), 2);
  const double se = std::sqrt(ss / (n - 1)) / std::sqrt(double(n)) / (sum_cycle / n);
  // 3.29 standard errors: a two-sided 99.9 % band, so a correct model fails 1 run in 1,000.
  CHECK(std::abs(a - mtbf / (mtbf + mttr)) < 3.29 * se);
  // The states alternate and nothing happens at or after the horizon.
  for (std::size_t i = 1; i < rec.changes.size(); ++i)
    REQUIRE(rec.changes[i].before == rec.changes[i - 1].now);
  CHECK(rec.changes.back().t < horizon);
}

TEST_CASE("a system that never fails and has no episodes never changes state", "[model][systems]") {
  std::vector<SystemParams> systems{make_system("steady")};
  Simulation sim(StreamSeed{1, 0, 0});
  Recorder rec(sim);
  SystemBoard board(sim, systems, 10'000.0, rec);
  board.start();
  sim.run();
  CHECK(rec.changes.empty());
  CHECK(board.state(0) == SystemState::up);
  CHECK(sim.events_processed() == 0);
}

TEST_CASE(
    "an outage of a system propagates down a dependency chain and a degradation carries its factor",
    "[model][systems]") {
  // population_db <- one_stop <- civil_status: civil status needs the one-stop system, which
  // needs the population database. Listed dependants first to show order does not matter.
  std::vector<SystemParams> systems{make_system("civil_status", {1}), make_system("one_stop", {2}),
                                    make_system("population_db")};
  systems[2].episodes = {episode(100.0, 160.0, SystemState::down)};
  systems[1].episodes = {episode(300.0, 400.0, SystemState::degraded, 2.0)};
  systems[0].episodes = {episode(350.0, 380.0, SystemState::degraded, 1.5)};
  Simulation sim(StreamSeed{1, 0, 0});
  Recorder rec(sim);
  SystemBoard board(sim, systems, 1'000.0, rec);
  board.start();

  sim.run_until(120.0);
  CHECK(board.state(2) == SystemState::down);
  CHECK(board.state(1) == SystemState::down);
  CHECK(board.state(0) == SystemState::down);
  CHECK(board.down_mask() == 0b111);
  sim.run_until(200.0);
  CHECK(board.down_mask() == 0);
  sim.run_until(320.0);
  CHECK(board.state(2) == SystemState::up);
  CHECK(board.state(1) == SystemState::degraded);
  CHECK(board.factor(1) == 2.0);
  CHECK(board.state(0) == SystemState::degraded);
  CHECK(board.factor(0) == 2.0);  // inherits its dependency's slowdown
  sim.run_until(360.0);
  CHECK(board.factor(0) == 2.0);  // its own 1.5 episode is milder than the inherited 2.0
  sim.run();

  // Every change, in order: each system's effective state at each instant.
  const std::vector<std::pair<double, std::uint32_t>> expected{
      {100.0, 2}, {100.0, 1}, {100.0, 0}, {160.0, 2}, {160.0, 1},
      {160.0, 0}, {300.0, 1}, {300.0, 0}, {400.0, 1}, {400.0, 0}};
  REQUIRE(rec.changes.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("change " << i);
    CHECK(rec.changes[i].t == expected[i].first);
    CHECK(rec.changes[i].system == expected[i].second);
  }
  CHECK(rec.changes[3].now == SystemState::up);
  CHECK(rec.changes[8].now == SystemState::up);
  CHECK(rec.changes[9].now == SystemState::up);
}

TEST_CASE("when a system changes, its listener sees every dependant already updated",
          "[model][systems]") {
  // The recorder checks, at each notification, that the board shows the new state of every
  // system whose change is reported in the same instant.
  std::vector<SystemParams> systems{make_system("a"), make_system("b", {0})};
  systems[0].episodes = {episode(10.0, 20.0, SystemState::down)};
  Simulation sim(StreamSeed{1, 0, 0});
  struct Checker : SystemListener {
    const SystemBoard* board = nullptr;
    int calls = 0;
    void on_system_change(std::uint32_t, SystemState, SystemState now, double) override {
      ++calls;
      CHECK(board->state(0) == now);
      CHECK(board->state(1) == now);
    }
  } checker;
  SystemBoard board(sim, systems, 100.0, checker);
  checker.board = &board;
  board.start();
  sim.run();
  CHECK(checker.calls == 4);
}

TEST_CASE("doubling the repair time doubles every repair and leaves the failure draws unchanged",
          "[model][systems]") {
  auto run = [](double k) {
    std::vector<SystemParams> systems{make_system("portal")};
    systems[0].time_to_failure = Distribution::exponential(500.0);
    systems[0].repair_time = Distribution::lognormal_median_cv(45.0, 0.8).scaled(k);
    Simulation sim(StreamSeed{9, 3, 0});
    Recorder rec(sim);
    SystemBoard board(sim, systems, 50'000.0, rec);
    board.start();
    sim.run();
    std::vector<double> up, down;
    double last = 0.0;
    for (const Change& c : rec.changes) {
      (c.now == SystemState::down ? up : down).push_back(c.t - last);
      last = c.t;
    }
    return std::pair{up, down};
  };
  const auto [up1, down1] = run(1.0);
  const auto [up2, down2] = run(2.0);
  const std::size_t n = std::min(down1.size(), down2.size());
  REQUIRE(n > 50);
  for (std::size_t i = 0; i < n; ++i) {
    REQUIRE(up2[i] == Approx(up1[i]).epsilon(1e-9));
    REQUIRE(down2[i] == Approx(2.0 * down1[i]).epsilon(1e-9));
  }
}
