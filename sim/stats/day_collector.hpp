// Observer that keeps per-day, per-domain, per-counter and per-staff results of a calendar run.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/model/center_params.hpp"
#include "sim/stats/observation_window.hpp"
#include "sim/stats/table.hpp"
#include "sim/stats/tally.hpp"

namespace sim::stats {

/// Collects the calendar form's detail tables. Per-day state is reset when the day ends and
/// its rows are appended, so memory grows only with the rows written, never with the number
/// of citizens. Time series use 15-minute bins of the clock (96 a day) and hold time averages.
class DayCollector final : public model::CenterObserver {
 public:
  /// A visit served after waiting at most service_target_min minutes is on target. Days
  /// before window.first_day are warm-up: they have no rows, and the whole-run counter and
  /// staff minutes integrate over the window only.
  DayCollector(const model::CenterParams& params, std::uint64_t replication,
               double service_target_min = 30.0, ObservationWindow window = {});

  void on_day_start(engine::SimTime t, std::uint32_t day) override;
  void on_day_end(engine::SimTime t, std::uint32_t day) override;
  void on_arrival(engine::SimTime t, const model::Citizen& c) override;
  void on_served(engine::SimTime t, const model::Citizen& c) override;
  void on_leave(engine::SimTime t, const model::Citizen& c, model::LeaveReason reason) override;
  void on_queue_length(engine::SimTime t, std::uint32_t queue, std::uint32_t length) override;
  void on_counter_state(engine::SimTime t, std::uint32_t counter, std::uint32_t staff,
                        model::CounterState state) override;
  void on_overtime(engine::SimTime t, std::uint32_t staff, double minutes) override;
  void on_session_cover(engine::SimTime t, const std::vector<bool>& uncovered) override;
  void on_service_end(engine::SimTime t, const model::Citizen&, std::uint32_t) override {
    last_service_end_ = t;
  }
  /// Online dossiers are counted here (counter dossiers are already counted as served visits).
  void on_dossier_received(engine::SimTime t, const model::Dossier& d) override;

  /// Table shapes, in the order of tables().
  static const std::vector<TableDef>& table_defs();
  /// Streams the tables that grow with days (/days, /days_by_domain, /timeseries, /staff_days) to
  /// sinks as their rows are produced; tables() then returns them empty.
  void stream_to(RowSink* days, RowSink* days_by_domain, RowSink* timeseries, RowSink* staff_days);
  /// The finished tables (call after the run).
  std::vector<TableRows> tables();

  static constexpr int bin_minutes = 15;
  static constexpr int bins_per_day = 1440 / bin_minutes;

 private:
  struct Counts {
    double arrived = 0, returned = 0, served = 0, on_target = 0, online = 0, inside_end = 0;
    double sessions = 0, uncovered = 0;  ///< (domain, session) pairs of the day, and uncovered
    std::array<double, model::leave_reason_count> left{};
    Tally wait;
    Moments time_in_center;
  };
  struct Level {  ///< a piecewise-constant level integrated into the day's bins
    double value = 0.0, since = 0.0;
  };
  void advance(Level& level, std::vector<double>& bins, double t);
  void day_rows(std::uint32_t day);
  std::vector<double> counts_row(std::uint32_t day, double domain, Counts& c) const;

  const model::CenterParams& params_;
  ObservationWindow window_;
  double replication_;
  double target_;
  std::uint32_t day_ = 0;
  double day_start_ = 0.0;
  Counts today_;
  std::vector<Counts> today_by_domain_;
  double overtime_today_ = 0.0;
  double last_service_end_ = -1.0;  ///< the current day's last service end, -1: none
  Level queued_, present_;
  std::vector<double> queued_bins_, present_bins_;
  std::vector<std::uint32_t> queue_lengths_;
  std::vector<model::CounterState> counter_state_;
  std::vector<std::uint32_t> counter_staff_;
  std::vector<double> counter_since_;
  /// Minutes by counter and by staff member.
  std::vector<double> counter_open_, counter_busy_, counter_back_office_;
  std::vector<double> staff_open_, staff_busy_, staff_back_office_, staff_overtime_;
  std::vector<double> staff_overtime_today_;  ///< by staff member, the current day
  GrowingTable days_, days_by_domain_, timeseries_, staff_days_;
};

}  // namespace sim::stats
