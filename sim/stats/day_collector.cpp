// Observer that keeps per-day, per-domain, per-counter and per-staff results of a calendar run.
#include "sim/stats/day_collector.hpp"

#include <algorithm>
#include <cmath>

namespace sim::stats {

using model::CounterState;
using model::LeaveReason;

namespace {
double reason(const std::array<double, model::leave_reason_count>& left, LeaveReason r) {
  return left[static_cast<std::size_t>(r)];
}
double sent_home(const std::array<double, model::leave_reason_count>& left) {
  // Every reason after which the citizen means to come back is a send-home.
  double n = 0.0;
  for (std::size_t r = 0; r < left.size(); ++r) {
    if (model::returns_later(static_cast<LeaveReason>(r))) n += left[r];
  }
  return n;
}
std::vector<MetricDef> count_columns() {
  return {
      {"arrived", "citizens", "first visits that day"},
      {"returned", "citizens", "return visits that day (citizens sent home earlier)"},
      {"served", "citizens", "visits that ended served"},
      {"reneged", "citizens", "left the queue when patience ran out"},
      {"balked", "citizens", "left without a ticket: too many tickets ahead"},
      {"answered", "citizens", "question answered by the reception robot: left without a ticket"},
      {"turned_away", "citizens",
       "told at the door that nobody here serves their domain (policy unserved = turn_away)"},
      {"helped", "citizens", "served + answered"},
      {"served_on_target", "citizens",
       "visits served after waiting at most service_target_min minutes"},
      {"service_level", "1",
       "(served_on_target + answered) / (arrived + returned): share of the day's visits served "
       "within the target or answered by the robot; any other visit is a miss"},
      {"unserved_share", "1",
       "(reneged + balked + turned_away + sent_home) / (arrived + returned): share of the day's "
       "visits that ended unserved (someone sent home has not come back by the day's end)"},
      {"sent_home", "citizens", "sent home to come back (all reasons below)"},
      {"sent_home_incomplete", "citizens", "of those: dossier incomplete"},
      {"sent_home_closing", "citizens", "of those: still waiting at closing / overtime cap"},
      {"sent_home_lunch", "citizens", "of those: left at lunch (leave-and-return policy)"},
      {"sent_home_cap_or_hours", "citizens", "of those: ticket cap reached or after ticket stop"},
      {"sent_home_system_down", "citizens",
       "of those: a software system the procedure needs was down"},
      {"online", "dossiers", "dossiers filed online (never queue)"},
      {"wait_mean", "min", "mean wait from ticket to call, served visits"},
      {"wait_p50", "min", "median wait, served visits"},
      {"wait_p90", "min", "90th percentile wait, served visits"},
      {"wait_p95", "min", "95th percentile wait, served visits"},
      {"wait_max", "min", "longest wait, served visits"},
      {"time_in_center_mean", "min", "mean arrival-to-departure time, served visits"},
      {"uncovered_share", "1",
       "share of the day's sessions in which no seated officer able to do the domain called it "
       "(in /days: of the day's (domain, session) pairs); NaN on a day without sessions"},
  };
}
}  // namespace

DayCollector::DayCollector(const model::CenterParams& params, std::uint64_t replication,
                           double service_target_min, ObservationWindow window)
    : params_(params),
      window_(window),
      replication_(static_cast<double>(replication)),
      target_(service_target_min),
      today_by_domain_(params.domains.size()),
      queued_bins_(bins_per_day, 0.0),
      present_bins_(bins_per_day, 0.0),
      queue_lengths_(params.domains.size(), 0),
      counter_state_(params.counters.size(), CounterState::closed),
      counter_staff_(params.counters.size(), model::no_index),
      counter_since_(params.counters.size(), 0.0),
      counter_open_(params.counters.size(), 0.0),
      counter_busy_(params.counters.size(), 0.0),
      counter_back_office_(params.counters.size(), 0.0),
      staff_open_(params.staff.size(), 0.0),
      staff_busy_(params.staff.size(), 0.0),
      staff_back_office_(params.staff.size(), 0.0),
      staff_overtime_(params.staff.size(), 0.0),
      staff_overtime_today_(params.staff.size(), 0.0) {}

const std::vector<TableDef>& DayCollector::table_defs() {
  static const std::vector<TableDef> defs = [] {
    std::vector<MetricDef> day_cols = {{"replication", "1", "replication index"},
                                       {"day", "1", "day of the run, from 0 (dates in /calendar)"}};
    auto domain_cols = day_cols;
    domain_cols.push_back({"domain", "1", "domain index (names in /domains)"});
    for (const auto& c : count_columns()) {
      day_cols.push_back(c);
      domain_cols.push_back(c);
    }
    day_cols.push_back(
        {"overtime", "staff-min", "minutes worked past the last session's close, all staff"});
    day_cols.push_back({"inside_at_day_end", "citizens", "citizens still inside at midnight"});
    day_cols.push_back({"last_service_end", "min",
                        "end of the day's last service at a counter, minutes after midnight "
                        "(NaN on a day without service)"});
    return std::vector<TableDef>{
        {"days", "one row per replication and day", day_cols},
        {"days_by_domain", "one row per replication, day and domain (by the citizen's procedure)",
         domain_cols},
        {"timeseries",
         "one row per replication, day and 15-minute bin of the clock",
         {{"replication", "1", "replication index"},
          {"day", "1", "day of the run, from 0"},
          {"bin_start", "min", "start of the bin, minutes after midnight"},
          {"tickets_waiting", "citizens", "time-average number of tickets waiting, all queues"},
          {"citizens_present", "citizens", "time-average number of citizens inside"}}},
        {"counters",
         "one row per replication and counter (whole run)",
         {{"replication", "1", "replication index"},
          {"counter", "1", "counter index (ids in /layout_counters)"},
          {"open", "min", "minutes the counter was staffed and open"},
          {"busy", "min", "minutes it was serving a citizen"},
          {"back_office", "min", "minutes open but doing back-office work (not calling tickets)"},
          {"utilization", "1", "busy / open; 0 for a counter never open (see never_open)"},
          {"never_open", "1",
           "1 when no one ever sat at the counter in the run (never staffed or never open), else "
           "0"}}},
        {"staff",
         "one row per replication and staff member (whole run)",
         {{"replication", "1", "replication index"},
          {"staff", "1", "staff index (names in /layout_staff)"},
          {"present", "min", "minutes seated at an open counter"},
          {"busy", "min", "minutes serving citizens"},
          {"back_office", "min", "minutes at an open counter doing back-office work"},
          {"utilization", "1", "busy / present; 0 for someone never present"},
          {"overtime", "min", "minutes worked past the last session's close"}}},
        {"staff_days",
         "one row per replication, staff member and day on which a counter served someone",
         {{"replication", "1", "replication index"},
          {"day", "1", "day of the run, from 0"},
          {"staff", "1", "staff index (names in /layout_staff)"},
          {"overtime", "min", "minutes this staff member worked past the day's last close"}}},
    };
  }();
  return defs;
}

void DayCollector::stream_to(RowSink* days, RowSink* days_by_domain, RowSink* timeseries,
                             RowSink* staff_days) {
  days_.stream_to(days);
  staff_days_.stream_to(staff_days);
  days_by_domain_.stream_to(days_by_domain);
  timeseries_.stream_to(timeseries);
}

void DayCollector::advance(Level& level, std::vector<double>& bins, double t) {
  // Spread value x (t - since) over the 15-minute bins of the current day it covers.
  double from = std::max(level.since, day_start_);
  const double to = std::min(t, day_start_ + 1440.0);
  while (from < to) {
    const auto bin = static_cast<std::size_t>((from - day_start_) / bin_minutes);
    const double bin_end = day_start_ + static_cast<double>(bin + 1) * bin_minutes;
    const double until = std::min(to, bin_end);
    if (bin < bins.size()) bins[bin] += level.value * (until - from) / bin_minutes;
    from = until;
  }
  level.since = t;
}

void DayCollector::on_day_start(engine::SimTime t, std::uint32_t day) {
  day_ = day;
  day_start_ = t;
  queued_.since = present_.since = t;
}

void DayCollector::on_day_end(engine::SimTime t, std::uint32_t day) {
  advance(queued_, queued_bins_, t);
  advance(present_, present_bins_, t);
  today_.inside_end = present_.value;
  if (window_.reports_day(day)) day_rows(day);
  today_ = Counts{};
  for (auto& c : today_by_domain_) c = Counts{};
  overtime_today_ = 0.0;
  last_service_end_ = -1.0;
  std::fill(staff_overtime_today_.begin(), staff_overtime_today_.end(), 0.0);
  std::fill(queued_bins_.begin(), queued_bins_.end(), 0.0);
  std::fill(present_bins_.begin(), present_bins_.end(), 0.0);
}

std::vector<double> DayCollector::counts_row(std::uint32_t day, double domain, Counts& c) const {
  std::vector<double> row{replication_, static_cast<double>(day)};
  if (domain >= 0) row.push_back(domain);
  const double cap_or_hours =
      reason(c.left, LeaveReason::ticket_cap) + reason(c.left, LeaveReason::after_hours);
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : std::nan(""); };
  const double answered = reason(c.left, LeaveReason::answered);
  const double turned_away = reason(c.left, LeaveReason::turned_away);
  const double unserved = reason(c.left, LeaveReason::reneged) +
                          reason(c.left, LeaveReason::balked) + turned_away + sent_home(c.left);
  for (double v : {c.arrived,
                   c.returned,
                   c.served,
                   reason(c.left, LeaveReason::reneged),
                   reason(c.left, LeaveReason::balked),
                   answered,
                   turned_away,
                   c.served + answered,
                   c.on_target,
                   ratio(c.on_target + answered, c.arrived + c.returned),
                   ratio(unserved, c.arrived + c.returned),
                   sent_home(c.left),
                   reason(c.left, LeaveReason::incomplete),
                   reason(c.left, LeaveReason::closing),
                   reason(c.left, LeaveReason::lunch),
                   cap_or_hours,
                   reason(c.left, LeaveReason::system_down),
                   c.online,
                   c.wait.mean(),
                   c.wait.quantile(0.5),
                   c.wait.quantile(0.9),
                   c.wait.quantile(0.95),
                   c.wait.max(),
                   c.time_in_center.mean(),
                   ratio(c.uncovered, c.sessions)}) {
    row.push_back(v);
  }
  return row;
}

void DayCollector::day_rows(std::uint32_t day) {
  auto row = counts_row(day, -1, today_);
  row.push_back(overtime_today_);
  row.push_back(today_.inside_end);
  row.push_back(last_service_end_ >= 0.0 ? last_service_end_ - day_start_ : std::nan(""));
  days_.append(std::move(row));
  // A row per officer on each day the counters served someone (closed days have none).
  for (std::size_t s = 0; last_service_end_ >= 0.0 && s < staff_overtime_today_.size(); ++s) {
    staff_days_.append(
        {replication_, static_cast<double>(day), static_cast<double>(s), staff_overtime_today_[s]});
  }
  for (std::size_t d = 0; d < today_by_domain_.size(); ++d) {
    days_by_domain_.append(counts_row(day, static_cast<double>(d), today_by_domain_[d]));
  }
  for (int b = 0; b < bins_per_day; ++b) {
    timeseries_.append({replication_, static_cast<double>(day),
                        static_cast<double>(b * bin_minutes), queued_bins_[b], present_bins_[b]});
  }
}

void DayCollector::on_arrival(engine::SimTime t, const model::Citizen& c) {
  advance(present_, present_bins_, t);
  present_.value += 1;
  for (Counts* k : {&today_, &today_by_domain_[c.domain]})
    (c.visit == 1 ? k->arrived : k->returned) += 1;
}

void DayCollector::on_dossier_received(engine::SimTime, const model::Dossier& d) {
  if (!d.online) return;
  today_.online += 1;
  today_by_domain_[d.domain].online += 1;
}

void DayCollector::on_served(engine::SimTime t, const model::Citizen& c) {
  advance(present_, present_bins_, t);
  present_.value -= 1;
  for (Counts* k : {&today_, &today_by_domain_[c.domain]}) {
    k->served += 1;
    k->wait.add(c.waited);
    if (c.waited <= target_) k->on_target += 1;
    k->time_in_center.add(t - c.arrival);
  }
}

void DayCollector::on_leave(engine::SimTime t, const model::Citizen& c, LeaveReason r) {
  advance(present_, present_bins_, t);
  present_.value -= 1;
  for (Counts* k : {&today_, &today_by_domain_[c.domain]})
    k->left[static_cast<std::size_t>(r)] += 1;
}

void DayCollector::on_queue_length(engine::SimTime t, std::uint32_t queue, std::uint32_t length) {
  advance(queued_, queued_bins_, t);
  queued_.value += static_cast<double>(length) - queue_lengths_[queue];
  queue_lengths_[queue] = length;
}

void DayCollector::on_counter_state(engine::SimTime t, std::uint32_t k, std::uint32_t staff,
                                    CounterState state) {
  // Close the previous state's interval for the counter and the staff member who sat there.
  // Back-office work keeps the counter open (staffed) but not busy with citizens.
  const double span = window_.overlap(counter_since_[k], t);
  const std::uint32_t who = counter_staff_[k];
  const auto add = [&](std::vector<double>& by_counter, std::vector<double>& by_staff) {
    by_counter[k] += span;
    if (who != model::no_index) by_staff[who] += span;
  };
  if (counter_state_[k] != CounterState::closed) add(counter_open_, staff_open_);
  if (counter_state_[k] == CounterState::busy) add(counter_busy_, staff_busy_);
  if (counter_state_[k] == CounterState::back_office) add(counter_back_office_, staff_back_office_);
  counter_state_[k] = state;
  counter_staff_[k] = staff;
  counter_since_[k] = t;
}

void DayCollector::on_session_cover(engine::SimTime, const std::vector<bool>& uncovered) {
  for (std::size_t d = 0; d < uncovered.size() && d < today_by_domain_.size(); ++d) {
    for (Counts* k : {&today_, &today_by_domain_[d]}) {
      k->sessions += 1;
      k->uncovered += uncovered[d] ? 1.0 : 0.0;
    }
  }
}

void DayCollector::on_overtime(engine::SimTime, std::uint32_t staff, double minutes) {
  overtime_today_ += minutes;
  if (window_.reports_day(day_)) staff_overtime_[staff] += minutes;
  staff_overtime_today_[staff] += minutes;
}

std::vector<TableRows> DayCollector::tables() {
  // A counter or person never open/present did no work: utilisation 0, flagged, not NaN.
  const auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  TableRows counters, staff;
  for (std::size_t k = 0; k < counter_open_.size(); ++k) {
    counters.push_back({replication_, static_cast<double>(k), counter_open_[k], counter_busy_[k],
                        counter_back_office_[k], ratio(counter_busy_[k], counter_open_[k]),
                        counter_open_[k] > 0 ? 0.0 : 1.0});
  }
  for (std::size_t s = 0; s < staff_open_.size(); ++s) {
    staff.push_back({replication_, static_cast<double>(s), staff_open_[s], staff_busy_[s],
                     staff_back_office_[s], ratio(staff_busy_[s], staff_open_[s]),
                     staff_overtime_[s]});
  }
  return {days_.rows(),        days_by_domain_.rows(), timeseries_.rows(),
          std::move(counters), std::move(staff),       staff_days_.rows()};
}

}  // namespace sim::stats
