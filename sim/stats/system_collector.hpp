// Observer that measures software systems over a run: downtime, outages and whom they touched.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/observation_window.hpp"
#include "sim/stats/table.hpp"

namespace sim::stats {

/// Integrates each system's effective state over the observation window and counts the outage
/// episodes that began in it, the followed citizens each effect touched and the dossier delays
/// each system caused in it. Every system
/// starts `up` at time 0 (the model signals only changes). The integrals are closed at each
/// on_day_end and at finish(t) (the station form has no days: call finish at its end);
/// accessors report the time up to the latest close. Memory is a fixed block per system.
class SystemCollector final : public model::CenterObserver {
 public:
  /// The window clips every interval and episode (warm-up and changes at or after its end are
  /// not counted); a plain number is a run end without warm-up.
  SystemCollector(std::uint32_t systems, ObservationWindow window = {},
                  std::uint64_t replication = 0);

  void on_day_end(engine::SimTime t, std::uint32_t day) override;
  void on_system_state(engine::SimTime t, std::uint32_t system, model::SystemState state,
                       double factor) override;
  void on_system_effect(engine::SimTime t, const model::Citizen& c, std::uint32_t system,
                        model::SystemEffect effect) override;
  void on_dossier_delayed(engine::SimTime t, const model::Dossier& d,
                          std::uint32_t system) override;
  /// Closes the integrals at t (clipped to the window); may be called more than once.
  void finish(engine::SimTime t);

  std::uint32_t systems() const { return static_cast<std::uint32_t>(systems_.size()); }
  /// Minutes from the window's start to the latest close (the denominator of availability).
  double observed_minutes() const { return closed_at_; }
  /// Minutes the system's effective state was down / degraded, up to the latest close.
  double down_minutes(std::uint32_t system) const;
  double degraded_minutes(std::uint32_t system) const;
  /// 1 - down / observed (degraded counts as available); NaN before any close.
  double availability(std::uint32_t system) const;
  /// Time-average service-time factor while degraded; NaN if never degraded.
  double degraded_factor_mean(std::uint32_t system) const;
  /// Episodes that began before run_end: changes into down / into degraded.
  std::uint64_t outages(std::uint32_t system) const;
  std::uint64_t degraded_episodes(std::uint32_t system) const;
  /// Visits the system touched with this effect (a visit counts once per effect).
  std::uint64_t citizens_affected(std::uint32_t system, model::SystemEffect effect) const;
  /// Times a dossier waited for the system or failed to synchronise (a dossier may count twice).
  std::uint64_t dossier_delays(std::uint32_t system) const;

  /// Table shapes, in the order of tables(): /systems.
  static const std::vector<TableDef>& table_defs();
  std::vector<TableRows> tables() const;
  /// Center-form summary columns (totals over systems) and this replication's values.
  static const std::vector<MetricDef>& metrics();
  std::vector<double> row() const;

 private:
  struct System {
    model::SystemState state = model::SystemState::up;
    double factor = 1.0;
    double since = 0.0;
    double down = 0.0, degraded = 0.0, factor_area = 0.0;  ///< minutes; factor x minutes
    std::uint64_t outages = 0, degraded_episodes = 0, dossier_delays = 0;
    std::array<std::uint64_t, model::system_effect_count> effects{};
  };
  void advance(System& s, double t);

  ObservationWindow window_;
  double replication_;
  double closed_at_ = 0.0;
  std::vector<System> systems_;
};

}  // namespace sim::stats
