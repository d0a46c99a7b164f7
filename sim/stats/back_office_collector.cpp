// Observer that measures the back office: dossiers on time or late, the backlog, online payments.
#include "sim/stats/back_office_collector.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace sim::stats {

namespace {
double ratio(double a, double b) { return b > 0 ? a / b : std::nan(""); }

/// The per-dossier columns shared by /dossiers_by_procedure and the summary, in row order.
std::vector<MetricDef> count_columns() {
  return {
      {"received", "dossiers", "dossiers received (at a counter or online)"},
      {"online", "dossiers", "of those, filed online"},
      {"completed", "dossiers", "back-office work finished within the run"},
      {"on_time", "dossiers", "finished at or before the deadline"},
      {"late", "dossiers", "finished after the deadline"},
      {"open_overdue", "dossiers", "open at the end of the run, deadline passed"},
      {"open_not_due", "dossiers", "open at the end of the run, not yet due (censored)"},
      {"on_time_rate", "1", "on_time / (completed + open_overdue)"},
      {"delayed", "dossiers", "finished dossiers delayed by a system (down or failed sync)"},
      {"paper", "dossiers", "finished dossiers taken on paper during an outage"},
      {"turnaround_mean", "h", "mean hours from receipt to result, finished dossiers"},
      {"lateness_mean", "h", "mean hours past the deadline, late dossiers"},
      {"lateness_p50", "h", "median hours past the deadline, late dossiers"},
      {"lateness_p90", "h", "90th percentile hours past the deadline, late dossiers"},
      {"lateness_max", "h", "most hours past the deadline, late dossiers"},
      {"late_specialist", "dossiers", "late, held responsible: specialist work (queue or work)"},
      {"late_citizen", "dossiers", "late, held responsible: the citizen bringing missing papers"},
      {"late_agency", "dossiers", "late, held responsible: the agency it was handed off to"},
      {"late_signature", "dossiers", "late, held responsible: waiting for the leader's signature"},
      {"late_result", "dossiers", "late, held responsible: the result going out (synchronisation)"},
      {"missing_papers", "dossiers",
       "finished dossiers sent back to the citizen for missing papers"},
      {"handed_off", "dossiers", "finished dossiers handed off to another agency"},
  };
}

/// The summary's counts by the channel a dossier was filed through, in row order: for each of
/// online and counter, the outcome counts and the on-time rate of those dossiers alone.
std::vector<MetricDef> channel_columns() {
  std::vector<MetricDef> cols;
  for (const auto& [ch, filed] :
       {std::pair<std::string, std::string>{"online", "filed online"},
        std::pair<std::string, std::string>{"counter", "filed at a counter"}}) {
    const std::string d = "dossiers_" + ch + "_";
    cols.push_back({d + "received", "dossiers", "dossiers received, " + filed});
    cols.push_back(
        {d + "completed", "dossiers", "of those " + filed + ", finished within the run"});
    cols.push_back({d + "on_time", "dossiers", "of those " + filed + ", finished by the deadline"});
    cols.push_back({d + "late", "dossiers", "of those " + filed + ", finished after the deadline"});
    cols.push_back({d + "open_overdue", "dossiers",
                    "of those " + filed + ", open at the end, deadline passed"});
    cols.push_back(
        {"on_time_rate_" + ch, "1", d + "on_time / (" + d + "completed + " + d + "open_overdue)"});
  }
  return cols;
}
}  // namespace

BackOfficeCollector::BackOfficeCollector(const model::CenterParams& params,
                                         ObservationWindow window, std::uint64_t replication)
    : params_(params),
      window_(window),
      run_end_(window.end),
      replication_(static_cast<double>(replication)),
      by_procedure_(params.procedures.size()) {}

void BackOfficeCollector::on_day_end(engine::SimTime t, std::uint32_t) {
  if (t >= run_end_) {
    finish(t);
  } else {
    advance(t);
  }
}

void BackOfficeCollector::on_online_submitted(engine::SimTime t, const model::Dossier& d) {
  if (!window_.covers(t)) return;
  ++reception_.submitted;
  if (d.reception_due < run_end_) ++reception_.due_submitted;
}

void BackOfficeCollector::on_online_reception(engine::SimTime t, const model::Dossier& d) {
  if (t > run_end_ || !window_.covers(d.submitted)) return;  // as filed: followed or not
  ++reception_.received;
  if (d.reception_due < run_end_) ++reception_.due_received;
  if (t > d.reception_due) ++reception_.late;
  reception_.wait_min += t - d.submitted;
}

void BackOfficeCollector::on_dossier_received(engine::SimTime t, const model::Dossier& d) {
  if (!window_.covers(t)) return;
  const bool due = d.deadline < run_end_;
  for (Counts* c : {&total_, &by_procedure_[d.procedure], &channel(d.online)}) {
    ++c->received;
    if (d.online) ++c->online;
    if (due) ++c->due_received;
  }
}

void BackOfficeCollector::on_dossier_done(engine::SimTime t, const model::Dossier& d) {
  if (t > run_end_) return;                 // finished after the run: it was open at the end
  if (!window_.covers(d.received)) return;  // received during warm-up: not followed
  const bool due = d.deadline < run_end_;
  const bool on_time = t <= d.deadline;
  const double hours_late = (t - d.deadline) / 60.0;
  for (Counts* c : {&total_, &by_procedure_[d.procedure], &channel(d.online)}) {
    ++c->completed;
    if (due) ++c->due_completed;
    if (on_time) {
      ++c->on_time;
    } else {
      ++c->late;
      c->lateness.add(hours_late);
    }
    if (!on_time) ++c->late_by_step[static_cast<std::size_t>(d.responsible())];
    if (d.missing_papers) ++c->missing_papers;
    if (d.handed_off) ++c->handed_off;
    if (d.delayed_by_system) ++c->delayed;
    if (d.paper) ++c->paper;
    c->turnaround += t - d.received;
  }
}

void BackOfficeCollector::on_dossier_step(engine::SimTime t, const model::Dossier& d,
                                          double old_deadline) {
  // A moved deadline (missing papers) may move the dossier out of "due within the run".
  if (t >= run_end_ || !window_.covers(d.received)) return;  // as at receipt: followed or not
  const bool was_due = old_deadline < run_end_, due = d.deadline < run_end_;
  if (was_due == due) return;
  for (Counts* c : {&total_, &by_procedure_[d.procedure], &channel(d.online)}) {
    if (due) {
      ++c->due_received;
    } else {
      --c->due_received;
    }
  }
}

void BackOfficeCollector::on_back_office_overtime(engine::SimTime t, std::uint32_t,
                                                  double minutes) {
  if (t > run_end_ || t < window_.start) return;  // a warm-up day's overtime is not counted
  overtime_min_ += minutes;
}

void BackOfficeCollector::on_backlog(engine::SimTime t, std::uint32_t dossiers) {
  if (finished_ || t > run_end_) return;
  advance(t);
  backlog_ = dossiers;
  if (t >= window_.start) backlog_max_ = std::max(backlog_max_, dossiers);
}

void BackOfficeCollector::on_online_payment(engine::SimTime t, const model::Dossier&,
                                            double fee_vnd, bool ok) {
  if (t > run_end_ || t < window_.start) return;
  ++(ok ? payments_ok_ : payments_failed_);
  if (ok) payments_vnd_ += fee_vnd;
}

void BackOfficeCollector::on_counter_payment(engine::SimTime t, std::uint32_t, double fee_vnd) {
  if (t > run_end_ || t < window_.start) return;
  ++counter_payments_;
  counter_payments_vnd_ += fee_vnd;
}

void BackOfficeCollector::advance(double t) {
  // Integrate the backlog up to t, writing a row each time a clock hour is complete.
  const double to = std::min(t, run_end_);
  if (finished_ || to <= since_) return;
  // The level the window opens with is observed, even if it was reached during warm-up.
  if (since_ <= window_.start && to >= window_.start)
    backlog_max_ = std::max(backlog_max_, backlog_);
  for (;;) {
    const double hour_end = static_cast<double>(hour_ + 1) * 60.0;
    if (to < hour_end) break;
    hour_area_ += backlog_ * (hour_end - since_);
    area_ += backlog_ * window_.overlap(since_, hour_end);
    since_ = hour_end;
    hour_row(60.0);
  }
  hour_area_ += backlog_ * (to - since_);
  area_ += backlog_ * window_.overlap(since_, to);
  since_ = to;
}

void BackOfficeCollector::hour_row(double length) {
  // Hours that begin in the warm-up have no row.
  if (static_cast<double>(hour_) * 60.0 >= window_.start)
    backlog_rows_.append({replication_, static_cast<double>(hour_ / 24),
                          static_cast<double>(hour_ % 24), hour_area_ / length,
                          static_cast<double>(backlog_)});
  ++hour_;
  hour_area_ = 0.0;
}

void BackOfficeCollector::finish(engine::SimTime t) {
  advance(t);
  if (finished_) return;
  // A run that does not end on a clock hour (station form) gets a last, shorter row.
  const double hour_start = static_cast<double>(hour_) * 60.0;
  if (since_ > hour_start) hour_row(since_ - hour_start);
  finished_ = true;
}

double BackOfficeCollector::rate(const Counts& c) {
  const auto open_overdue = static_cast<double>(c.due_received - c.due_completed);
  return ratio(static_cast<double>(c.on_time), static_cast<double>(c.completed) + open_overdue);
}

double BackOfficeCollector::on_time_rate() const { return rate(total_); }

double BackOfficeCollector::backlog_mean() const {
  return ratio(area_, window_.overlap(window_.start, since_));
}

std::vector<double> BackOfficeCollector::counts_values(const Counts& c) {
  const auto open = c.received - c.completed;
  const auto open_overdue = c.due_received - c.due_completed;
  return {static_cast<double>(c.received),
          static_cast<double>(c.online),
          static_cast<double>(c.completed),
          static_cast<double>(c.on_time),
          static_cast<double>(c.late),
          static_cast<double>(open_overdue),
          static_cast<double>(open - open_overdue),
          rate(c),
          static_cast<double>(c.delayed),
          static_cast<double>(c.paper),
          ratio(c.turnaround / 60.0, static_cast<double>(c.completed)),
          c.lateness.mean(),
          c.lateness.quantile(0.5),
          c.lateness.quantile(0.9),
          c.lateness.max(),
          static_cast<double>(c.late_by_step[0]),
          static_cast<double>(c.late_by_step[1]),
          static_cast<double>(c.late_by_step[2]),
          static_cast<double>(c.late_by_step[3]),
          static_cast<double>(c.late_by_step[4]),
          static_cast<double>(c.missing_papers),
          static_cast<double>(c.handed_off)};
}

std::vector<double> BackOfficeCollector::channel_values(const Counts& c) {
  return {static_cast<double>(c.received),
          static_cast<double>(c.completed),
          static_cast<double>(c.on_time),
          static_cast<double>(c.late),
          static_cast<double>(c.due_received - c.due_completed),
          rate(c)};
}

const std::vector<TableDef>& BackOfficeCollector::table_defs() {
  static const std::vector<TableDef> defs = [] {
    std::vector<MetricDef> cols = {
        {"replication", "1", "replication index"},
        {"procedure", "1", "procedure index (ids in /procedures)"},
        {"domain", "1", "the procedure's domain index (names in /domains)"}};
    for (auto& c : count_columns()) cols.push_back(std::move(c));
    return std::vector<TableDef>{
        {"dossiers_by_procedure", "one row per replication and procedure (whole run)", cols},
        {"backlog",
         "one row per replication and clock hour of the run",
         {{"replication", "1", "replication index"},
          {"day", "1", "day of the run, from 0"},
          {"hour", "1", "clock hour, 0 = 00:00-01:00"},
          {"backlog", "dossiers", "time-average number of dossiers in the back office"},
          {"backlog_end", "dossiers", "dossiers in the back office at the end of the hour"}}},
    };
  }();
  return defs;
}

std::vector<TableRows> BackOfficeCollector::tables() const {
  TableRows procedures;
  for (std::size_t p = 0; p < by_procedure_.size(); ++p) {
    std::vector<double> row{replication_, static_cast<double>(p),
                            static_cast<double>(params_.procedures[p].domain)};
    for (double v : counts_values(by_procedure_[p])) row.push_back(v);
    procedures.push_back(std::move(row));
  }
  return {std::move(procedures), backlog_rows_.rows()};
}

const std::vector<MetricDef>& BackOfficeCollector::metrics() {
  static const std::vector<MetricDef> defs = [] {
    std::vector<MetricDef> m;
    for (auto& c : count_columns()) {
      // Summary names say what they count: "dossiers_late", not "late".
      if (c.unit == "dossiers") c.name = "dossiers_" + c.name;
      m.push_back(std::move(c));
    }
    m.push_back({"backlog_mean", "dossiers", "time-average number of dossiers in the back office"});
    m.push_back({"backlog_max", "dossiers", "most dossiers in the back office at once"});
    m.push_back({"backlog_end", "dossiers", "dossiers in the back office at the end of the run"});
    m.push_back({"back_office_overtime", "min",
                 "minutes dedicated back-office workers stayed after hours, all workers and days"});
    m.push_back({"payments_online", "dossiers", "online dossiers with a fee paid online"});
    m.push_back({"payments_online_vnd", "VND", "fees paid online (sum over payments_online)"});
    m.push_back(
        {"online_payments_failed", "dossiers", "online payments that failed (system down)"});
    m.push_back({"payments_counter", "dossiers",
                 "filings with a fee paid at the counter (served visits, and online dossiers "
                 "not paid online)"});
    m.push_back({"payments_counter_vnd", "VND", "fees paid at the counter"});
    for (auto& c : channel_columns()) m.push_back(std::move(c));
    return m;
  }();
  return defs;
}

const std::vector<MetricDef>& BackOfficeCollector::reception_metrics() {
  static const std::vector<MetricDef> defs = [] {
    std::vector<MetricDef> m;
    m.push_back({"dossiers_received_by_staff", "dossiers",
                 "online dossiers received by counter staff (the reception step)"});
    m.push_back({"dossiers_received_late", "dossiers",
                 "of those, received after the reception rule's working hours"});
    m.push_back({"dossiers_awaiting_reception", "dossiers",
                 "online dossiers filed and not received by staff at the end of the run"});
    m.push_back({"dossiers_awaiting_reception_overdue", "dossiers",
                 "of those, past the reception rule's working hours"});
    m.push_back({"reception_wait_mean", "h",
                 "mean hours from filing to reception by staff, online dossiers received"});
    // Late to receive, whether or not received by the end: a run that never receives a
    // dossier must not look better than one that receives it late (every citizen counts).
    m.push_back({"dossiers_reception_late", "dossiers",
                 "online dossiers not received within the reception rule's working hours: "
                 "dossiers_received_late + dossiers_awaiting_reception_overdue"});
    return m;
  }();
  return defs;
}

std::vector<double> BackOfficeCollector::row() const {
  auto values = counts_values(total_);
  for (double v : {backlog_mean(), static_cast<double>(backlog_max_), static_cast<double>(backlog_),
                   overtime_min_, static_cast<double>(payments_ok_), payments_vnd_,
                   static_cast<double>(payments_failed_), static_cast<double>(counter_payments_),
                   counter_payments_vnd_}) {
    values.push_back(v);
  }
  for (const bool online : {true, false}) {
    for (double v : channel_values(channel(online))) values.push_back(v);
  }
  return values;
}

std::vector<double> BackOfficeCollector::reception_row() const {
  std::vector<double> values;
  const auto& r = reception_;
  for (double v : {static_cast<double>(r.received), static_cast<double>(r.late),
                   static_cast<double>(awaiting_reception()),
                   static_cast<double>(awaiting_reception_overdue()),
                   ratio(r.wait_min / 60.0, static_cast<double>(r.received)),
                   static_cast<double>(r.late + awaiting_reception_overdue())}) {
    values.push_back(v);
  }
  return values;
}

}  // namespace sim::stats
