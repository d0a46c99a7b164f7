// Observer that measures software systems over a run: downtime, outages and whom they touched.
#include "sim/stats/system_collector.hpp"

#include <algorithm>
#include <cmath>

namespace sim::stats {

using model::SystemEffect;
using model::SystemState;

namespace {
constexpr std::array<SystemEffect, model::system_effect_count> all_effects = {
    SystemEffect::degraded, SystemEffect::suspended, SystemEffect::paper, SystemEffect::sent_home,
    SystemEffect::hand_ticket};

double ratio(double a, double b) { return b > 0 ? a / b : std::nan(""); }
}  // namespace

SystemCollector::SystemCollector(std::uint32_t systems, ObservationWindow window,
                                 std::uint64_t replication)
    : window_(window), replication_(static_cast<double>(replication)), systems_(systems) {}

void SystemCollector::advance(System& s, double t) {
  const double to = std::min(t, window_.end);
  if (to <= s.since) return;
  const double span = window_.overlap(s.since, to);
  if (s.state == SystemState::down) s.down += span;
  if (s.state == SystemState::degraded) {
    s.degraded += span;
    s.factor_area += s.factor * span;
  }
  s.since = to;
}

void SystemCollector::on_day_end(engine::SimTime t, std::uint32_t) { finish(t); }

void SystemCollector::finish(engine::SimTime t) {
  for (auto& s : systems_) advance(s, t);
  closed_at_ = std::max(closed_at_, window_.overlap(window_.start, t));
}

void SystemCollector::on_system_state(engine::SimTime t, std::uint32_t system, SystemState state,
                                      double factor) {
  System& s = systems_[system];
  advance(s, t);
  // An episode is a change into the state; degraded -> degraded with a new factor is not a
  // new episode, and down -> degraded starts one (the system is usable again, but slow).
  if (window_.covers(t)) {
    if (state == SystemState::down && s.state != SystemState::down) ++s.outages;
    if (state == SystemState::degraded && s.state != SystemState::degraded) ++s.degraded_episodes;
  }
  s.state = state;
  s.factor = factor;
}

void SystemCollector::on_system_effect(engine::SimTime, const model::Citizen& c,
                                       std::uint32_t system, SystemEffect effect) {
  if (window_.follows(c)) ++systems_[system].effects[static_cast<std::size_t>(effect)];
}

void SystemCollector::on_dossier_delayed(engine::SimTime t, const model::Dossier&,
                                         std::uint32_t system) {
  // Delays while the back office finishes after the window's end still count, as they
  // always did; only warm-up is dropped.
  if (t >= window_.start) ++systems_[system].dossier_delays;
}

double SystemCollector::down_minutes(std::uint32_t system) const { return systems_[system].down; }
double SystemCollector::degraded_minutes(std::uint32_t system) const {
  return systems_[system].degraded;
}
double SystemCollector::availability(std::uint32_t system) const {
  return closed_at_ > 0 ? 1.0 - systems_[system].down / closed_at_ : std::nan("");
}
double SystemCollector::degraded_factor_mean(std::uint32_t system) const {
  return ratio(systems_[system].factor_area, systems_[system].degraded);
}
std::uint64_t SystemCollector::outages(std::uint32_t system) const {
  return systems_[system].outages;
}
std::uint64_t SystemCollector::degraded_episodes(std::uint32_t system) const {
  return systems_[system].degraded_episodes;
}
std::uint64_t SystemCollector::citizens_affected(std::uint32_t system, SystemEffect effect) const {
  return systems_[system].effects[static_cast<std::size_t>(effect)];
}
std::uint64_t SystemCollector::dossier_delays(std::uint32_t system) const {
  return systems_[system].dossier_delays;
}

const std::vector<TableDef>& SystemCollector::table_defs() {
  static const std::vector<TableDef> defs = {
      {"systems",
       "one row per replication and software system (whole run)",
       {{"replication", "1", "replication index"},
        {"system", "1", "system index (ids in /layout_systems)"},
        {"down", "min", "minutes the system's effective state was down"},
        {"degraded", "min", "minutes the system's effective state was degraded"},
        {"availability", "1", "1 - down / observed minutes (degraded counts as available)"},
        {"outages", "1", "outage episodes: changes into down"},
        {"degraded_episodes", "1", "changes into degraded"},
        {"degraded_factor_mean", "1", "time-average service-time factor while degraded"},
        {"citizens_degraded", "citizens", "visits served slower because it was degraded"},
        {"citizens_suspended", "citizens", "visits whose service stopped until the repair"},
        {"citizens_paper", "citizens", "visits served on paper while it was down"},
        {"citizens_sent_home", "citizens", "visits sent home because it was down"},
        {"citizens_hand_ticket", "citizens", "tickets issued by hand (ticket machine down)"},
        {"dossier_delays", "dossiers",
         "times a dossier waited for it or its result failed to synchronise"}}},
  };
  return defs;
}

std::vector<TableRows> SystemCollector::tables() const {
  TableRows rows;
  for (std::uint32_t k = 0; k < systems(); ++k) {
    const System& s = systems_[k];
    std::vector<double> row{replication_,
                            static_cast<double>(k),
                            s.down,
                            s.degraded,
                            availability(k),
                            static_cast<double>(s.outages),
                            static_cast<double>(s.degraded_episodes),
                            degraded_factor_mean(k)};
    for (SystemEffect e : all_effects) {
      row.push_back(static_cast<double>(s.effects[static_cast<std::size_t>(e)]));
    }
    row.push_back(static_cast<double>(s.dossier_delays));
    rows.push_back(std::move(row));
  }
  return {std::move(rows)};
}

const std::vector<MetricDef>& SystemCollector::metrics() {
  static const std::vector<MetricDef> defs = {
      {"system_down", "min", "minutes down, summed over software systems"},
      {"system_degraded", "min", "minutes degraded, summed over software systems"},
      {"system_outages", "1", "outage episodes, all software systems"},
      {"system_citizens_degraded", "citizens", "visits served slower by a degraded system"},
      {"system_citizens_suspended", "citizens", "visits whose service stopped until a repair"},
      {"system_citizens_paper", "citizens", "visits served on paper while a system was down"},
      {"system_citizens_sent_home", "citizens", "visits sent home because a system was down"},
      {"system_citizens_hand_ticket", "citizens", "tickets issued by hand (ticket machine down)"},
      {"system_dossier_delays", "dossiers",
       "times a dossier waited for a down system or failed to synchronise"},
  };
  return defs;
}

std::vector<double> SystemCollector::row() const {
  double down = 0, degraded = 0, outages = 0, delays = 0;
  std::array<double, model::system_effect_count> effects{};
  for (const System& s : systems_) {
    down += s.down;
    degraded += s.degraded;
    outages += static_cast<double>(s.outages);
    delays += static_cast<double>(s.dossier_delays);
    for (std::size_t e = 0; e < effects.size(); ++e) {
      effects[e] += static_cast<double>(s.effects[e]);
    }
  }
  std::vector<double> row{down, degraded, outages};
  for (SystemEffect e : all_effects) row.push_back(effects[static_cast<std::size_t>(e)]);
  row.push_back(delays);
  return row;
}

}  // namespace sim::stats
