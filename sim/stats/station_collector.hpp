// Observer that turns a center's signals into one replication's summary row.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/stats/metric.hpp"
#include "sim/stats/tally.hpp"
#include "sim/stats/time_average.hpp"

namespace sim::stats {

/// Collects waits, sojourns, abandonment, queue length and counter use for the citizens who
/// arrive inside the observation window [window_start, window_end): warm-up is dropped here,
/// in one place, for every statistic. Time averages cover the same window.
class StationCollector : public model::CenterObserver {
 public:
  StationCollector(double window_start, double window_end, std::uint32_t counters);

  void on_arrival(engine::SimTime t, const model::Citizen& c) override;
  void on_service_start(engine::SimTime t, const model::Citizen& c, std::uint32_t counter) override;
  void on_service_end(engine::SimTime t, const model::Citizen& c, std::uint32_t counter) override;
  void on_renege(engine::SimTime t, const model::Citizen& c) override;
  void on_queue_length(engine::SimTime t, std::uint32_t queue, std::uint32_t length) override;
  void on_busy_counters(engine::SimTime t, std::uint32_t busy) override;

  /// The columns of the per-replication summary, in row order.
  static const std::vector<MetricDef>& metrics();
  /// This replication's summary, in the order of metrics().
  std::vector<double> row(std::uint64_t events_processed);

  const Tally& waits() const { return wait_; }

 private:
  bool observed(const model::Citizen& c) const { return c.arrival >= start_ && c.arrival < end_; }

  double start_, end_;
  std::uint32_t counters_;
  std::uint64_t arrived_ = 0, served_ = 0, reneged_ = 0, waited_ = 0;
  Tally wait_, queue_time_, sojourn_;
  std::array<Tally, model::priority_class_count> wait_by_class_;
  TimeAverage queue_length_, in_center_, busy_;
  double inside_ = 0.0;
};

}  // namespace sim::stats
