// Observer that turns a center's signals into one replication's summary row.
#include "sim/stats/summary_collector.hpp"

#include <cmath>

namespace sim::stats {

using model::CounterState;
using model::LeaveReason;

SummaryCollector::SummaryCollector(ObservationWindow window, std::uint32_t counters,
                                   std::uint32_t domains, double service_target_min)
    : window_(window),
      target_(service_target_min),
      queue_length_(window.start, window.end),
      in_center_(window.start, window.end),
      busy_(window.start, window.end),
      open_(window.start, window.end),
      queue_lengths_(domains, 0),
      counter_states_(counters, CounterState::closed) {}

void SummaryCollector::on_arrival(engine::SimTime t, const model::Citizen& c) {
  in_center_.set(t, ++inside_);
  if (!observed(c)) return;
  if (c.visit == 1) {
    ++arrived_;
  } else {
    ++returned_;
  }
}

void SummaryCollector::on_served(engine::SimTime t, const model::Citizen& c) {
  in_center_.set(t, --inside_);
  if (!observed(c)) return;
  ++served_;
  const auto k = static_cast<std::size_t>(c.priority_class);
  if (class_is_wait_ == nobody_served) {
    class_is_wait_ = k;  // both empty so far: the class's moments are wait_'s from here on
  } else if (class_is_wait_ != k && class_is_wait_ != no_class) {
    wait_by_class_[class_is_wait_] = wait_.moments();  // before this citizen's wait joins
    class_is_wait_ = no_class;
  }
  wait_.add(c.waited);
  if (!queue_time_is_wait_) queue_time_.add(c.waited);
  if (class_is_wait_ == no_class) wait_by_class_[k].add(c.waited);
  if (c.waited > 0) ++waited_;
  if (c.waited <= target_) ++on_target_;
  sojourn_.add(t - c.arrival);
}

void SummaryCollector::on_leave(engine::SimTime t, const model::Citizen& c, LeaveReason reason) {
  in_center_.set(t, --inside_);
  if (!observed(c)) return;
  ++left_[static_cast<std::size_t>(reason)];
  if (c.returning) ++left_returning_;
  if (reason == LeaveReason::reneged) {
    ++waited_;
    if (queue_time_is_wait_) queue_time_ = wait_.moments();
    queue_time_is_wait_ = false;
    queue_time_.add(c.waited + (t - c.ticket_time));
  }
}

void SummaryCollector::on_queue_length(engine::SimTime t, std::uint32_t queue,
                                       std::uint32_t length) {
  queued_ += static_cast<std::int64_t>(length) - queue_lengths_[queue];
  queue_lengths_[queue] = length;
  queue_length_.set(t, static_cast<double>(queued_));
}

void SummaryCollector::on_counter_state(engine::SimTime t, std::uint32_t counter, std::uint32_t,
                                        CounterState state) {
  const CounterState old = counter_states_[counter];
  if (old == CounterState::busy) last_service_end_ = t;  // a service ended
  const auto weight = [](CounterState s, CounterState of) { return s == of ? 1.0 : 0.0; };
  busy_now_ += weight(state, CounterState::busy) - weight(old, CounterState::busy);
  open_now_ += (state != CounterState::closed) - (old != CounterState::closed);
  counter_states_[counter] = state;
  busy_.set(t, busy_now_);
  open_.set(t, open_now_);
}

void SummaryCollector::on_day_end(engine::SimTime, std::uint32_t day) {
  if (last_service_end_ >= 0.0 && window_.reports_day(day))
    last_service_end_by_day_.add(last_service_end_ - day_start_);
}

const std::vector<MetricDef>& SummaryCollector::metrics() {
  static const std::vector<MetricDef> defs = {
      {"arrived", "citizens", "citizens whose first visit falls inside the observation window"},
      {"served", "citizens", "of those, citizens served at a counter"},
      {"reneged", "citizens", "of those, citizens who left the queue when their patience ran out"},
      {"balked", "citizens",
       "of those, citizens who left without a ticket: too many tickets ahead"},
      {"sent_home", "citizens",
       "departures sent home (ticket cap, after hours, lunch, closing, incomplete dossier, "
       "system down)"},
      {"returned", "citizens",
       "return visits by citizens who left unserved earlier (sent home, or gave up and came back)"},
      {"answered", "citizens",
       "visits that ended with the question answered by the reception robot (no ticket)"},
      {"turned_away", "citizens",
       "citizens told at the door that nobody here serves their domain ([policy] unserved = "
       "\"turn_away\"); they do not come back"},
      {"sent_home_pending", "citizens",
       "departures with a return visit still to come at the end of the run (departures with a "
       "return scheduled - returned)"},
      {"gave_up", "citizens",
       "departures unserved for good: no return visit follows (reneged, balked, turned away, "
       "sent home on the max_visits-th visit...; answered visits are not counted)"},
      {"helped", "citizens", "served + answered"},
      {"served_on_target", "citizens",
       "visits served after waiting at most service_target_min minutes"},
      {"service_level", "1",
       "(served_on_target + answered) / (arrived + returned): share of all visits, first and "
       "return, served within the target or answered by the robot; every other visit is a miss"},
      {"unserved_share", "1",
       "(gave_up + sent_home_pending) / arrived: share of the citizens who came and went home "
       "unserved, for good or not back yet"},
      {"abandon_prob", "1", "reneged / arrived"},
      {"prob_wait", "1", "share of arrivals not called at once (waited > 0 or reneged)"},
      {"wait_mean", "min", "mean total wait from ticket to call, served citizens (per visit)"},
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
      {"utilization", "1", "busy counter-time / open counter-time over the window"},
      {"overtime", "staff-min",
       "minutes staff worked past the last session's close, reported days"},
      {"overtime_max", "min", "longest overtime of one staff member on one day"},
      {"last_service_end_mean", "min",
       "mean over the days with a service of the day's last service end, minutes after midnight "
       "(NaN in the station form)"},
      {"last_service_end_max", "min", "latest service end of any day, minutes after midnight"},
      {"arrival_rate", "citizens/min", "arrived / window length"},
      {"window", "min", "length of the observation window (after warm-up)"},
      {"events", "events", "events the engine processed in the whole replication"},
  };
  return defs;
}

std::vector<double> SummaryCollector::row(std::uint64_t events_processed) {
  const double window = window_.end - window_.start;
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : std::nan(""); };
  const auto arrived = static_cast<double>(arrived_);
  const auto left = [&](LeaveReason r) {
    return static_cast<double>(left_[static_cast<std::size_t>(r)]);
  };
  // Every reason after which the citizen means to come back is a send-home.
  double sent_home = 0.0;
  for (std::size_t r = 0; r < model::leave_reason_count; ++r) {
    const auto reason = static_cast<LeaveReason>(r);
    if (model::returns_later(reason)) sent_home += left(reason);
  }
  // Every departure with a return scheduled either came back (a return visit) or had not by the
  // run's end; every other unserved departure (the robot's answers aside) is final.
  const double pending = static_cast<double>(left_returning_) - static_cast<double>(returned_);
  double departures = 0.0;
  for (auto n : left_) departures += static_cast<double>(n);
  const double gave_up =
      departures - left(LeaveReason::answered) - static_cast<double>(left_returning_);
  const double open_mean = open_.mean();
  return {
      arrived,
      static_cast<double>(served_),
      left(LeaveReason::reneged),
      left(LeaveReason::balked),
      sent_home,
      static_cast<double>(returned_),
      left(LeaveReason::answered),
      left(LeaveReason::turned_away),
      pending,
      gave_up,
      static_cast<double>(served_) + left(LeaveReason::answered),
      static_cast<double>(on_target_),
      ratio(static_cast<double>(on_target_) + left(LeaveReason::answered),
            arrived + static_cast<double>(returned_)),
      ratio(gave_up + pending, arrived),
      ratio(left(LeaveReason::reneged), arrived),
      ratio(static_cast<double>(waited_), arrived),
      wait_.mean(),
      wait_.sd(),
      wait_.quantile(0.5),
      wait_.quantile(0.9),
      wait_.quantile(0.95),
      wait_.max(),
      wait_by_class(0).mean(),
      wait_by_class(1).mean(),
      queue_time().mean(),
      sojourn_.mean(),
      queue_length_.mean(),
      in_center_.mean(),
      ratio(busy_.mean(), open_mean),
      overtime_,
      overtime_max_,
      last_service_end_by_day_.count() > 0 ? last_service_end_by_day_.mean() : std::nan(""),
      last_service_end_by_day_.count() > 0 ? last_service_end_by_day_.max() : std::nan(""),
      ratio(arrived, window),
      window,
      static_cast<double>(events_processed),
  };
}

}  // namespace sim::stats
