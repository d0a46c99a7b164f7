// Observer that turns a center's signals into one replication's summary row.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/observation_window.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_average.hpp"

namespace sim::stats {

/// Collects waits, sojourns, abandonment, queue length and counter use for the citizens the
/// observation window follows (first visit in [start, end)); time averages cover the same
/// window, overtime and last service ends the reported days.
class SummaryCollector final : public model::CenterObserver {
 public:
  /// counters and domains size the state tables; a visit served after waiting at most
  /// service_target_min minutes counts toward service_level.
  SummaryCollector(ObservationWindow window, std::uint32_t counters, std::uint32_t domains,
                   double service_target_min = 30.0);

  void on_arrival(engine::SimTime t, const model::Citizen& c) override;
  void on_served(engine::SimTime t, const model::Citizen& c) override;
  void on_leave(engine::SimTime t, const model::Citizen& c, model::LeaveReason reason) override;
  void on_queue_length(engine::SimTime t, std::uint32_t queue, std::uint32_t length) override;
  void on_counter_state(engine::SimTime t, std::uint32_t counter, std::uint32_t staff,
                        model::CounterState state) override;
  void on_overtime(engine::SimTime, std::uint32_t, double minutes) override {
    if (!window_.reports_day(day_)) return;
    overtime_ += minutes;
    overtime_max_ = std::max(overtime_max_, minutes);
  }
  void on_day_start(engine::SimTime t, std::uint32_t day) override {
    day_ = day;
    day_start_ = t;
    last_service_end_ = -1.0;
  }
  void on_day_end(engine::SimTime, std::uint32_t) override;

  /// The columns of the per-replication summary, in row order.
  static const std::vector<MetricDef>& metrics();
  /// This replication's summary, in the order of metrics().
  std::vector<double> row(std::uint64_t events_processed);

  const Tally& waits() const { return wait_; }

 private:
  // No on_service_end: a counter leaving busy (or reported busy again) is a service end
  // (CenterObserver::on_counter_state), so on_counter_state keeps the day's last one and the
  // collector is left out of on_service_end's observers (Observers).

  /// Citizens are followed from their first arrival; returns belong to the same citizen.
  bool observed(const model::Citizen& c) const { return window_.follows(c); }

  ObservationWindow window_;
  double target_;
  std::uint32_t day_ = 0;  ///< the current day of the calendar form
  std::uint64_t arrived_ = 0, returned_ = 0, served_ = 0, waited_ = 0, on_target_ = 0;
  std::array<std::uint64_t, model::leave_reason_count> left_{};
  std::uint64_t left_returning_ = 0;  ///< departures with a return visit scheduled
  Tally wait_;                        ///< the only one whose quantiles are reported
  Moments queue_time_, sojourn_;
  std::array<Moments, model::priority_class_count> wait_by_class_;
  // queue_time_ and one class of wait_by_class_ receive the very observations wait_ does until
  // a renege (queue time) or a served citizen of another class (by class): until then they are
  // left untouched and read as copies of wait_'s moments, which are bit for bit what they would
  // hold (Moments::add is a deterministic function of the sequence), and are copied from
  // wait_ when they part. That saves two Welford updates per served citizen.
  static constexpr std::size_t no_class = model::priority_class_count;  ///< classes parted
  static constexpr std::size_t nobody_served = no_class + 1;
  bool queue_time_is_wait_ = true;
  std::size_t class_is_wait_ = nobody_served;  ///< the class whose waits are all of wait_'s
  const Moments& queue_time() const { return queue_time_is_wait_ ? wait_.moments() : queue_time_; }
  const Moments& wait_by_class(std::size_t k) const {
    return k == class_is_wait_ ? wait_.moments() : wait_by_class_[k];
  }
  TimeAverage queue_length_, in_center_, busy_, open_;
  std::vector<std::uint32_t> queue_lengths_;
  std::vector<model::CounterState> counter_states_;
  /// Tickets waiting, kept as an integer and set as a double: the same whole numbers a sum of
  /// doubles gives, with fewer conversions (issue 20).
  std::int64_t queued_ = 0;
  double inside_ = 0.0, busy_now_ = 0.0, open_now_ = 0.0;
  double overtime_ = 0.0;      ///< staff-minutes past the last session's close, whole run
  double overtime_max_ = 0.0;  ///< longest overtime of one staff member on one day
  double day_start_ = 0.0, last_service_end_ = -1.0;  ///< the current day's last service end
  Moments last_service_end_by_day_;  ///< minutes after midnight, days with a service
};

}  // namespace sim::stats
