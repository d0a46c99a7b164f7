// service_pace alone: what degraded and down systems do to a counter service.
#include <catch2/catch.hpp>

#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/service_pace.hpp"
#include "sim/model/system_board.hpp"

using sim::model::OutagePolicy;
using sim::model::ServicePace;
using sim::model::SystemEpisode;
using sim::model::SystemParams;
using sim::model::SystemState;

namespace {
struct Quiet : sim::model::SystemListener {
  void on_system_change(std::uint32_t, SystemState, SystemState, double) override {}
};

/// System 0 degraded (x1.5) during 10..20 and paper when down 30..40; system 1 degraded (x2)
/// during 15..20 and wait when down 40..50; system 2 send-home when down 45..50.
std::vector<SystemParams> systems() {
  std::vector<SystemParams> s(3);
  s[0].episodes = {SystemEpisode{10, 20, SystemState::degraded, 1.5},
                   SystemEpisode{30, 40, SystemState::down, 1.0}};
  s[0].on_down = OutagePolicy::paper;
  s[0].paper_factor = 1.25;
  s[1].episodes = {SystemEpisode{15, 20, SystemState::degraded, 2.0},
                   SystemEpisode{40, 50, SystemState::down, 1.0}};
  s[1].on_down = OutagePolicy::wait;
  s[2].episodes = {SystemEpisode{45, 50, SystemState::down, 1.0}};
  s[2].on_down = OutagePolicy::send_home;
  return s;
}
}  // namespace

TEST_CASE(
    "a service runs at the slowest degraded factor and on paper, stops or ends by the "
    "most disruptive outage policy",
    "[model][service_pace]") {
  const auto params = systems();
  sim::engine::Simulation sim;
  Quiet quiet;
  sim::model::SystemBoard board(sim, params, 100.0, quiet);
  board.start();
  const std::uint64_t all = 0b111;
  const auto at = [&](double t) {
    sim.run_until(t);
    return sim::model::service_pace(all, board, params);
  };
  const auto up = at(5);
  CHECK(up.action == ServicePace::Action::run);
  CHECK(up.factor == 1.0);
  CHECK_FALSE(up.effect);
  const auto one_slow = at(12);
  CHECK(one_slow.factor == 1.5);
  CHECK(one_slow.effect == sim::model::SystemEffect::degraded);
  CHECK(one_slow.system == 0);
  const auto both_slow = at(17);
  CHECK(both_slow.factor == 2.0);  // the slower system sets the pace
  CHECK(both_slow.system == 0);    // the first system that slows it names the effect
  const auto paper = at(35);
  CHECK(paper.action == ServicePace::Action::run);
  CHECK(paper.effect == sim::model::SystemEffect::paper);
  CHECK(paper.factor == 1.25);
  const auto wait = at(42);  // system 1 down (wait) beats nothing else down
  CHECK(wait.action == ServicePace::Action::suspend);
  CHECK(wait.system == 1);
  const auto home = at(47);  // send home beats wait
  CHECK(home.action == ServicePace::Action::send_home);
  CHECK(sim::model::service_pace(0b001, board, params).action == ServicePace::Action::run);
}
