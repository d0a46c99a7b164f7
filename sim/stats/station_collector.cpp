// Observer that turns a center's signals into one replication's summary row.
#include "sim/stats/station_collector.hpp"

#include <cmath>

namespace sim::stats {

StationCollector::StationCollector(double window_start, double window_end, std::uint32_t counters)
    : start_(window_start),
      end_(window_end),
      counters_(counters),
      queue_length_(window_start, window_end),
      in_center_(window_start, window_end),
      busy_(window_start, window_end) {}

void StationCollector::on_arrival(engine::SimTime t, const model::Citizen& c) {
  in_center_.set(t, ++inside_);
  if (observed(c)) ++arrived_;
}

void StationCollector::on_service_start(engine::SimTime t, const model::Citizen& c, std::uint32_t) {
  if (!observed(c)) return;
  const double wait = t - c.arrival;
  wait_.add(wait);
  queue_time_.add(wait);
  wait_by_class_[static_cast<std::size_t>(c.priority_class)].add(wait);
  if (wait > 0) ++waited_;
}

void StationCollector::on_service_end(engine::SimTime t, const model::Citizen& c, std::uint32_t) {
  in_center_.set(t, --inside_);
  if (!observed(c)) return;
  ++served_;
  sojourn_.add(t - c.arrival);
}

void StationCollector::on_renege(engine::SimTime t, const model::Citizen& c) {
  in_center_.set(t, --inside_);
  if (!observed(c)) return;
  ++reneged_;
  ++waited_;
  queue_time_.add(t - c.arrival);
}

void StationCollector::on_queue_length(engine::SimTime t, std::uint32_t, std::uint32_t length) {
  queue_length_.set(t, length);
}

void StationCollector::on_busy_counters(engine::SimTime t, std::uint32_t busy) { busy_.set(t, busy); }

const std::vector<MetricDef>& StationCollector::metrics() {
  static const std::vector<MetricDef> defs = {
      {"arrived", "citizens", "citizens who arrived inside the observation window"},
      {"served", "citizens", "of those, citizens served at a counter"},
      {"reneged", "citizens", "of those, citizens who left the queue when their patience ran out"},
      {"abandon_prob", "1", "reneged / arrived"},
      {"prob_wait", "1", "share of arrivals not called at once (waited > 0 or reneged)"},
      {"wait_mean", "min", "mean wait from arrival to call, served citizens"},
      {"wait_sd", "min", "standard deviation of that wait"},
      {"wait_p50", "min", "median wait, served citizens (histogram quantile, see docs)"},
      {"wait_p90", "min", "90th percentile wait, served citizens"},
      {"wait_p95", "min", "95th percentile wait, served citizens"},
      {"wait_max", "min", "longest wait, served citizens"},
      {"wait_mean_priority", "min", "mean wait of served citizens in the priority class"},
      {"wait_mean_regular", "min", "mean wait of served citizens in the regular class"},
      {"queue_time_mean", "min", "mean time in queue of all arrivals, reneged ones included"},
      {"sojourn_mean", "min", "mean time in center (arrival to end of service), served citizens"},
      {"queue_length_mean", "citizens", "time-average number of tickets waiting over the window"},
      {"in_center_mean", "citizens", "time-average number of citizens inside over the window"},
      {"utilization", "1", "time-average share of counters busy over the window"},
      {"arrival_rate", "citizens/min", "arrived / window length"},
      {"window", "min", "length of the observation window (after warm-up)"},
      {"events", "events", "events the engine processed in the whole replication"},
  };
  return defs;
}

std::vector<double> StationCollector::row(std::uint64_t events_processed) {
  const double window = end_ - start_;
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : std::nan(""); };
  const auto arrived = static_cast<double>(arrived_);
  return {
      arrived,
      static_cast<double>(served_),
      static_cast<double>(reneged_),
      ratio(static_cast<double>(reneged_), arrived),
      ratio(static_cast<double>(waited_), arrived),
      wait_.mean(),
      wait_.sd(),
      wait_.quantile(0.5),
      wait_.quantile(0.9),
      wait_.quantile(0.95),
      wait_.max(),
      wait_by_class_[0].mean(),
      wait_by_class_[1].mean(),
      queue_time_.mean(),
      sojourn_.mean(),
      queue_length_.mean(),
      in_center_.mean(),
      busy_.mean() / counters_,
      ratio(arrived, window),
      window,
      static_cast<double>(events_processed),
  };
}

}  // namespace sim::stats
