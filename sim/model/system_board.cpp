// The software systems of a center: their failure, repair and degraded-episode processes.
#include "sim/model/system_board.hpp"

#include <algorithm>
#include <stdexcept>

namespace sim::model {
namespace {

constexpr std::uint64_t episode_key(std::uint32_t system, std::size_t episode, bool start) {
  return (std::uint64_t{system} << 32) | (std::uint64_t{episode} << 1) | (start ? 1u : 0u);
}

/// Depth-first order with dependencies first; the loader has already rejected cycles, this
/// only guards against a hand-built CenterParams with one.
void visit(const std::vector<SystemParams>& systems, std::uint32_t s,
           std::vector<std::uint8_t>& mark, std::vector<std::uint32_t>& order) {
  if (mark[s] == 2) return;
  if (mark[s] == 1)
    throw std::invalid_argument("system dependencies form a cycle at " + systems[s].id);
  mark[s] = 1;
  for (auto d : systems[s].depends_on) visit(systems, d, mark, order);
  mark[s] = 2;
  order.push_back(s);
}

}  // namespace

SystemBoard::SystemBoard(engine::Simulation& sim, const std::vector<SystemParams>& systems,
                         double horizon, SystemListener& listener)
    : sim_(sim),
      systems_(systems),
      horizon_(horizon),
      listener_(listener),
      fail_(sim.add_handler<&SystemBoard::on_fail>(*this, "system.fail")),
      repair_(sim.add_handler<&SystemBoard::on_repair>(*this, "system.repair")),
      degrade_start_(
          sim.add_handler<&SystemBoard::on_degrade_start>(*this, "system.degrade_start")),
      degrade_end_(sim.add_handler<&SystemBoard::on_degrade_end>(*this, "system.degrade_end")),
      episode_(sim.add_handler<&SystemBoard::on_episode>(*this, "system.episode")) {
  if (systems.size() > 64) throw std::invalid_argument("at most 64 software systems");
  for (std::uint32_t s = 0; s < systems.size(); ++s) {
    live_.push_back(Live{false, false, 0, 0, SystemState::up, 1.0,
                         sim.stream({"system.up_time", s}), sim.stream({"system.repair_time", s}),
                         sim.stream({"system.degrade_gap", s}),
                         sim.stream({"system.degrade_time", s})});
  }
  std::vector<std::uint8_t> mark(systems.size(), 0);
  for (std::uint32_t s = 0; s < systems.size(); ++s) visit(systems, s, mark, order_);
  changed_.reserve(systems.size());
}

void SystemBoard::start() {
  for (std::uint32_t s = 0; s < systems_.size(); ++s) {
    const SystemParams& p = systems_[s];
    Live& l = live_[s];
    if (p.time_to_failure) schedule(p.time_to_failure->sample(l.up_time), fail_, s);
    if (p.time_to_degrade) schedule(p.time_to_degrade->sample(l.degrade_gap), degrade_start_, s);
    for (std::size_t e = 0; e < p.episodes.size(); ++e) {
      const SystemEpisode& ep = p.episodes[e];
      if (ep.end <= 0.0 || ep.start >= horizon_ || ep.end <= ep.start) continue;
      sim_.schedule_at(std::max(ep.start, 0.0), episode_, episode_key(s, e, true), priority);
      if (ep.end < horizon_) sim_.schedule_at(ep.end, episode_, episode_key(s, e, false), priority);
    }
  }
}

void SystemBoard::schedule(double delay, engine::HandlerId handler, std::uint64_t payload) {
  // Nothing is scheduled past the run's end, so the event calendar empties when the run ends.
  if (sim_.now() + delay < horizon_) sim_.schedule_in(delay, handler, payload, priority);
}

void SystemBoard::on_fail(std::uint64_t system) {
  Live& l = live_[system];
  l.failed = true;
  schedule(systems_[system].repair_time.sample(l.repair_time), repair_, system);
  update();
}

void SystemBoard::on_repair(std::uint64_t system) {
  Live& l = live_[system];
  l.failed = false;
  schedule(systems_[system].time_to_failure->sample(l.up_time), fail_, system);
  update();
}

void SystemBoard::on_degrade_start(std::uint64_t system) {
  Live& l = live_[system];
  l.degraded_run = true;
  schedule(systems_[system].degraded_time.sample(l.degrade_time), degrade_end_, system);
  update();
}

void SystemBoard::on_degrade_end(std::uint64_t system) {
  Live& l = live_[system];
  l.degraded_run = false;
  schedule(systems_[system].time_to_degrade->sample(l.degrade_gap), degrade_start_, system);
  update();
}

void SystemBoard::on_episode(std::uint64_t key) {
  const auto s = static_cast<std::uint32_t>(key >> 32);
  const SystemEpisode& ep = systems_[s].episodes[(key & 0xffffffffu) >> 1];
  const bool start = key & 1u;
  auto& count = ep.state == SystemState::down ? live_[s].down_episodes : live_[s].degraded_episodes;
  count = start ? count + 1 : count - 1;
  update();
}

SystemState SystemBoard::own_state(std::uint32_t s, double& factor) const {
  const SystemParams& p = systems_[s];
  const Live& l = live_[s];
  factor = 1.0;
  if (l.failed || l.down_episodes > 0) return SystemState::down;
  if (l.degraded_run) factor = p.degraded_factor;
  for (const SystemEpisode& ep : p.episodes) {  // the worst active degraded episode counts
    if (ep.state == SystemState::degraded && ep.start <= sim_.now() && sim_.now() < ep.end) {
      factor = std::max(factor, ep.factor);
    }
  }
  return l.degraded_run || l.degraded_episodes > 0 ? SystemState::degraded : SystemState::up;
}

void SystemBoard::update() {
  // All effective states are settled first, then the listener hears of each change, so it
  // never sees a system changed while one that depends on it still shows the old state.
  changed_.clear();
  for (std::uint32_t s : order_) {
    double factor = 1.0;
    SystemState state = own_state(s, factor);
    for (auto d : systems_[s].depends_on) {
      state = std::max(state, live_[d].effective);
      if (live_[d].effective == SystemState::degraded)
        factor = std::max(factor, live_[d].effective_factor);
    }
    if (state != SystemState::degraded) factor = 1.0;
    Live& l = live_[s];
    if (l.effective == state && l.effective_factor == factor) continue;
    changed_.push_back(Change{s, l.effective});
    l.effective = state;
    l.effective_factor = factor;
    const std::uint64_t bit = std::uint64_t{1} << s;
    down_mask_ = state == SystemState::down ? down_mask_ | bit : down_mask_ & ~bit;
  }
  for (const Change& c : changed_) {
    listener_.on_system_change(c.system, c.before, live_[c.system].effective,
                               live_[c.system].effective_factor);
  }
}

}  // namespace sim::model
