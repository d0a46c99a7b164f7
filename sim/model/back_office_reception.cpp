// The back office's inbox: online dossiers waiting for counter staff to receive them.
#include <algorithm>
#include <cmath>
#include <limits>

#include "sim/engine/rng_stream.hpp"
#include "sim/model/back_office.hpp"

namespace sim::model {

void BackOffice::submit_online(Dossier dossier) {
  if (params_.online.reception_min <= 0.0) return receive(dossier);
  dossier.submitted = sim_.now();
  dossier.reception_due = reception_due(dossier.submitted);
  for (auto* o : observers_) o->on_online_submitted(sim_.now(), dossier);
  const double miss = params_.online.reception_miss_share;
  if (miss > 0.0 &&
      engine::keyed_uniform(sim_.stream_seed(), {"online.reception_miss", dossier.id}) < miss) {
    std::uint32_t slot = static_cast<std::uint32_t>(missed_.size());
    if (missed_free_.empty()) {
      missed_.push_back(dossier);
    } else {
      slot = missed_free_.back();
      missed_free_.pop_back();
      missed_[slot] = dossier;
    }
    const double noticed = after_working_days(sim_.now(), params_.online.reception_miss_days);
    sim_.schedule_in(noticed - sim_.now(), missed_noticed_, slot);
    return;
  }
  to_inbox(dossier);
}

void BackOffice::on_missed_noticed(std::uint64_t slot) {
  const Dossier dossier = missed_[slot];
  missed_free_.push_back(static_cast<std::uint32_t>(slot));
  to_inbox(dossier);
}

void BackOffice::to_inbox(const Dossier& dossier) {
  if (inbox_head_ > 0 && inbox_head_ * 2 >= inbox_.size()) {  // drop the received front
    inbox_.erase(inbox_.begin(), inbox_.begin() + static_cast<std::ptrdiff_t>(inbox_head_));
    inbox_head_ = 0;
  }
  // Staff take the oldest first, and reception_overdue() reads the front: keep the order. A
  // dossier filed now goes last; a noticed missed one goes before those filed after it.
  const auto later = std::upper_bound(
      inbox_.begin() + static_cast<std::ptrdiff_t>(inbox_head_), inbox_.end(), dossier,
      [](const Dossier& a, const Dossier& b) { return a.reception_due < b.reception_due; });
  inbox_.insert(later, dossier);
  listener_.on_back_office_work();
}

double BackOffice::reception_due(double t) const {
  // Working hours are the center's sessions on its working days: walk them from t.
  double left = params_.online.reception_due_hours * 60.0;
  for (auto day = static_cast<std::uint32_t>(std::floor(t / 1440.0)); day < calendar_.days();
       ++day) {
    const DayPlan& plan = calendar_.day(day);
    if (!plan.working) continue;
    for (const Session& s : plan.sessions) {
      const double from = std::max(t, WorkCalendar::time_of(day, s.open_min));
      const double to = WorkCalendar::time_of(day, s.close_min);
      if (to <= from) continue;
      if (to - from >= left) return from + left;
      left -= to - from;
    }
  }
  return std::numeric_limits<double>::infinity();  // falls due after the run
}

bool BackOffice::start_reception(std::uint32_t worker, double max_minutes) {
  const double minutes = params_.online.reception_min;
  if (!has_reception_work() || minutes > max_minutes) return false;
  receiving_[worker] = inbox_[inbox_head_++];
  ++receiving_count_;
  workers_[worker].dossier = receiving;  // a dedicated worker is busy, not free for a slice
  sim_.schedule_in(minutes, reception_end_, worker, slice_end_priority);
  return true;
}

void BackOffice::on_reception_end(std::uint64_t worker) {
  Dossier d = receiving_[worker];
  --receiving_count_;
  d.received = sim_.now();
  d.day = static_cast<std::uint32_t>(std::floor(sim_.now() / 1440.0));
  for (auto* o : observers_) o->on_online_reception(sim_.now(), d);
  enter(d);  // wakes idle workers: this one is still marked busy, so it is not among them
  workers_[worker].dossier = no_dossier;
  if (worker < params_.counters.size()) {
    listener_.on_counter_slice_end(static_cast<std::uint32_t>(worker));
  } else {
    next_dedicated_slice(static_cast<std::uint32_t>(worker));
  }
}

std::size_t BackOffice::awaiting_reception() const {
  return inbox_.size() - inbox_head_ + receiving_count_ + missed_.size() - missed_free_.size();
}

}  // namespace sim::model
