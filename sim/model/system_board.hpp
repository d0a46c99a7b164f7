// The software systems of a center: their failure, repair and degraded-episode processes.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/system_params.hpp"

namespace sim::model {

/// Told when a system's effective state changes; the Center reacts at its counters.
class SystemListener {
 public:
  virtual ~SystemListener() = default;
  virtual void on_system_change(std::uint32_t system, SystemState before, SystemState now,
                                double factor) = 0;
};

/// Runs every system's state processes on the clock, 24 hours a day, until `horizon`:
/// an alternating up/down renewal process (time to failure, repair time), an independent
/// process of degraded episodes, and scheduled episodes. A system's own state is the worst
/// of these; its effective state is the worst of its own and of every system it needs,
/// so an outage propagates along dependency chains. Each system draws from its own keyed
/// streams ("system.up_time", "system.repair_time", ... indexed by system), so changing one
/// system's parameters leaves every other system's history unchanged, and scaling a repair
/// distribution scales each repair while the failure draws stay the same (common random numbers).
class SystemBoard {
 public:
  SystemBoard(engine::Simulation& sim, const std::vector<SystemParams>& systems, double horizon,
              SystemListener& listener);

  /// Schedules the first failures, degraded episodes and scheduled episodes. Call once.
  void start();

  std::uint32_t size() const { return static_cast<std::uint32_t>(systems_.size()); }
  SystemState state(std::uint32_t system) const { return live_[system].effective; }
  /// Service-time multiplier of a degraded system (1 when up; meaningless when down).
  double factor(std::uint32_t system) const { return live_[system].effective_factor; }
  /// Bit mask of the systems whose effective state is down.
  std::uint64_t down_mask() const { return down_mask_; }

  /// Events of the board run before anything else at the same time, so a counter or the
  /// back office always sees the state of the instant.
  static constexpr std::int32_t priority = -5;

 private:
  struct Live {
    bool failed = false;                                     ///< down by the failure process
    bool degraded_run = false;                               ///< inside a random degraded episode
    std::uint32_t down_episodes = 0, degraded_episodes = 0;  ///< scheduled episodes active now
    SystemState effective = SystemState::up;
    double effective_factor = 1.0;
    engine::RngStream up_time, repair_time, degrade_gap, degrade_time;
  };

  void on_fail(std::uint64_t system);
  void on_repair(std::uint64_t system);
  void on_degrade_start(std::uint64_t system);
  void on_degrade_end(std::uint64_t system);
  void on_episode(std::uint64_t key);
  void schedule(double delay, engine::HandlerId handler, std::uint64_t payload);
  /// Recomputes every effective state and tells the listener about each change.
  void update();
  SystemState own_state(std::uint32_t s, double& factor) const;

  engine::Simulation& sim_;
  const std::vector<SystemParams>& systems_;
  double horizon_;
  SystemListener& listener_;
  engine::HandlerId fail_, repair_, degrade_start_, degrade_end_, episode_;
  std::vector<Live> live_;
  struct Change {
    std::uint32_t system;
    SystemState before;
  };
  std::vector<std::uint32_t> order_;  ///< dependencies before dependants
  std::vector<Change> changed_;       ///< scratch of update(), reserved once
  std::uint64_t down_mask_ = 0;
};

}  // namespace sim::model
