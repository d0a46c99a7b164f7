// One row per visit (and per online dossier), collected only when a trace is asked for.
#include "sim/stats/trace_collector.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>

namespace sim::stats {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
}  // namespace

const char* outcome_name(TraceOutcome outcome) {
  static constexpr std::array<const char*, 12> names = {
      "served",  "reneged",    "balked",      "ticket_cap", "after_hours", "lunch",
      "closing", "incomplete", "system_down", "answered",   "turned_away", "filed_online"};
  static_assert(names.size() == model::leave_reason_count + 2);
  return names[static_cast<std::size_t>(outcome)];
}

TraceRow* TraceCollector::row_of(const model::Citizen& c) {
  const auto it = open_.find(c.id);
  return it == open_.end() ? nullptr : &it->second;
}

void TraceCollector::on_arrival(engine::SimTime t, const model::Citizen& c) {
  if (!window_.follows(c)) return;
  TraceRow row;
  row.citizen = c.id;
  row.visit = c.visit;
  row.priority = c.priority_class == model::PriorityClass::priority;
  row.procedure = c.procedure;
  row.domain = c.domain;
  row.arrival = t;
  row.ticket = row.service_start = row.service_end = row.left = nan;
  open_[c.id] = std::move(row);
}

void TraceCollector::on_ticket(engine::SimTime t, const model::Citizen& c) {
  TraceRow* found = row_of(c);
  if (found == nullptr) return;
  auto& row = *found;
  // A misrouted citizen's second ticket keeps the first ticket's time (the wait counts from
  // it) and takes its domain: `service` is the queue the visit was finally served from, as a
  // ticket machine that reissues the number would log it.
  if (row.service == model::no_index) row.ticket = t;
  row.service = c.queue;
}

void TraceCollector::on_service_start(engine::SimTime t, const model::Citizen& c, std::uint32_t k) {
  TraceRow* found = row_of(c);
  if (found == nullptr) return;
  auto& row = *found;
  row.calls.emplace_back(t, k);
  row.counter = k;
  row.staff = c.staff;
  row.service_start = t;
  row.service_end = nan;
}

void TraceCollector::on_service_end(engine::SimTime t, const model::Citizen& c, std::uint32_t) {
  if (TraceRow* row = row_of(c)) row->service_end = t;
}

void TraceCollector::on_served(engine::SimTime t, const model::Citizen& c) {
  close(t, c, TraceOutcome::served);
}

void TraceCollector::on_leave(engine::SimTime t, const model::Citizen& c,
                              model::LeaveReason reason) {
  // TraceOutcome lists the leave reasons in LeaveReason's order, after `served`.
  close(t, c, static_cast<TraceOutcome>(static_cast<int>(reason) + 1));
}

void TraceCollector::on_dossier_received(engine::SimTime t, const model::Dossier& d) {
  if (!d.online) return;  // counter dossiers are the visits' rows already
  if (!window_.covers(t)) return;
  TraceRow row;
  row.citizen = d.id;
  row.online = true;
  row.procedure = d.procedure;
  row.domain = d.domain;
  row.arrival = row.left = t;
  row.ticket = row.service_start = row.service_end = nan;
  row.outcome = TraceOutcome::filed_online;
  done_.push_back(std::move(row));
}

void TraceCollector::close(engine::SimTime t, const model::Citizen& c, TraceOutcome outcome) {
  const auto it = open_.find(c.id);
  if (it == open_.end()) return;
  it->second.outcome = outcome;
  it->second.left = t;
  done_.push_back(std::move(it->second));
  open_.erase(it);
}

std::vector<TraceRow> TraceCollector::take_rows() {
  auto key = [](const TraceRow& r) { return std::tuple(r.online, r.citizen, r.visit); };
  std::sort(done_.begin(), done_.end(),
            [&](const TraceRow& a, const TraceRow& b) { return key(a) < key(b); });
  for (std::size_t i = 0; i + 1 < done_.size(); ++i) {
    const auto& next = done_[i + 1];
    done_[i].returns = !next.online && !done_[i].online && next.citizen == done_[i].citizen &&
                       next.visit == done_[i].visit + 1;
  }
  open_.clear();
  return std::move(done_);
}

}  // namespace sim::stats
