// The back office: dossiers waiting for processing after intake, and the staff who work on them.
#include "sim/model/back_office.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

namespace sim::model {
namespace {
/// Work below this many minutes counts as finished (rounding of elapsed / factor).
constexpr double work_epsilon = 1e-9;
}  // namespace

BackOffice::BackOffice(engine::Simulation& sim, const CenterParams& params,
                       const WorkCalendar& calendar, const SystemBoard& board,
                       const Observers& observers, BackOfficeListener& listener)
    : sim_(sim),
      params_(params),
      calendar_(calendar),
      board_(board),
      observers_(observers),
      listener_(listener),
      slice_end_(sim.add_handler<&BackOffice::on_slice_end>(*this, "back_office.slice_end")),
      hours_open_(sim.add_handler<&BackOffice::on_hours_open>(*this, "back_office.hours_open")),
      hours_close_(sim.add_handler<&BackOffice::on_hours_close>(*this, "back_office.hours_close")),
      sync_retry_(sim.add_handler<&BackOffice::on_sync_retry>(*this, "back_office.sync_retry")),
      dossier_back_(
          sim.add_handler<&BackOffice::on_dossier_back>(*this, "back_office.dossier_back")),
      signing_(sim.add_handler<&BackOffice::on_signing>(*this, "back_office.signing")),
      reception_end_(
          sim.add_handler<&BackOffice::on_reception_end>(*this, "back_office.reception_end")),
      missed_noticed_(
          sim.add_handler<&BackOffice::on_missed_noticed>(*this, "back_office.missed_noticed")),
      workers_(params.counters.size() + params.back_office.workers + params.back_office.seconded),
      sync_delay_(sim.stream({"dossier.sync_delay", 0})),
      horizon_(calendar.days() * 1440.0) {
  int longest = 0;
  for (const ProcedureParams& p : params.procedures) {
    procedure_mask_.push_back(system_mask(p));
    longest = std::max(longest, p.deadline_working_days);
  }
  deadline_cache_.assign(2 * static_cast<std::size_t>(std::min(longest, 1000)) + 2, -1.0);
  blocked_.reserve(64);
  awaiting_signature_.reserve(64);
  signing_now_.reserve(64);
  receiving_.resize(workers_.size());
}

double BackOffice::deadline(std::uint32_t procedure, double received) const {
  const auto day = static_cast<std::uint32_t>(std::floor(received / 1440.0));
  const int minute = std::clamp(static_cast<int>(std::floor(received - day * 1440.0)), 0, 1440);
  const ProcedureParams& p = params_.procedures[procedure];
  // The due date depends on the day, the working days and the 15:00 rule alone, and due_date
  // walks the calendar a day at a time: the day's few distinct answers are kept.
  const bool late = p.same_day_rule && minute >= WorkCalendar::same_day_cutoff_min;
  const std::size_t slot = 2 * static_cast<std::size_t>(p.deadline_working_days) + late;
  if (day != deadline_day_) {
    deadline_day_ = day;
    std::fill(deadline_cache_.begin(), deadline_cache_.end(), -1.0);
  }
  if (slot < deadline_cache_.size() && deadline_cache_[slot] >= 0.0) return deadline_cache_[slot];
  const Date due =
      calendar_.due_date(calendar_.day(day).date, minute, p.deadline_working_days, p.same_day_rule);
  const auto days =
      (std::chrono::sys_days(due) - std::chrono::sys_days(calendar_.day(0).date)).count();
  const double end = static_cast<double>(days) * 1440.0 + 1440.0;  // by the end of the due date
  if (slot < deadline_cache_.size()) deadline_cache_[slot] = end;
  return end;
}

void BackOffice::receive(Dossier dossier) {
  dossier.submitted = dossier.received;
  dossier.reception_due = dossier.received;
  enter(dossier);
}

void BackOffice::enter(Dossier dossier) {
  const DossierIndex i = pool_.acquire();
  Dossier& d = pool_[i];
  d = dossier;
  d.deadline = deadline(d.procedure, d.received);
  d.intake = next_order_++;
  d.work_left = d.work_total;
  for (auto* o : observers_) o->on_dossier_received(sim_.now(), d);
  publish_backlog();
  if (d.work_left <= work_epsilon) {
    after_specialist(i);  // no specialist work: on to the route's next step
  } else {
    make_ready(i);
  }
}

void BackOffice::start_day(std::uint32_t day) {
  const DayPlan& plan = calendar_.day(day);
  if (!plan.working) return;
  const auto& batches = params_.back_office.signature_batches;
  for (std::size_t b = 0; b < batches.size(); ++b) {
    // After the slices and hours events of the same minute: what is ready by then is signed.
    sim_.schedule_at(WorkCalendar::time_of(day, batches[b]), signing_,
                     (std::uint64_t{day} << 8) | b, slice_end_priority + 1);
  }
  if (params_.back_office.workers + params_.back_office.seconded == 0) return;
  const auto& hours = params_.back_office.hours.empty() ? plan.sessions : params_.back_office.hours;
  for (std::size_t k = 0; k < hours.size(); ++k) {
    const Session& s = hours[k];
    sim_.schedule_at(WorkCalendar::time_of(day, s.open_min), hours_open_,
                     static_cast<std::uint64_t>(WorkCalendar::time_of(day, s.close_min)), -1);
    const bool last = k + 1 == hours.size();
    sim_.schedule_at(WorkCalendar::time_of(day, s.close_min), hours_close_, last ? 1 : 0, -2);
  }
}

bool BackOffice::present(std::size_t worker) const {
  const auto& b = params_.back_office;
  return worker < params_.counters.size() + b.workers || sim_.now() >= b.seconded_from;
}

void BackOffice::on_hours_open(std::uint64_t close_time) {
  for (std::size_t w = params_.counters.size(); w < workers_.size(); ++w) {
    workers_[w].available = present(w);
    workers_[w].hours_end = static_cast<double>(close_time);
  }
  wake_dedicated();
}

void BackOffice::on_hours_close(std::uint64_t last) {
  // A slice never runs past hours_end: one ending now has its event after this one.
  const auto& b = params_.back_office;
  const auto day = static_cast<std::uint32_t>(std::floor(sim_.now() / 1440.0));
  const double until =
      b.overtime_until_min < 0 ? sim_.now() : WorkCalendar::time_of(day, b.overtime_until_min);
  const bool stay = last != 0 && until > sim_.now() &&
                    ready_.size() >= std::max<std::size_t>(1, b.overtime_backlog);
  const auto first = static_cast<std::uint32_t>(params_.counters.size());
  for (std::uint32_t w = first; w < workers_.size(); ++w) {
    workers_[w].available = stay && present(w);
    if (workers_[w].available) {
      workers_[w].hours_end = until;
      workers_[w].overtime_from = sim_.now();
    }
  }
  if (!stay) return;
  wake_dedicated();
  for (std::uint32_t w = first; w < workers_.size(); ++w) {
    if (workers_[w].dossier == no_dossier) stop_worker(w);  // nothing left for them
  }
}

void BackOffice::next_dedicated_slice(std::uint32_t worker) {
  Worker& wk = workers_[worker];
  if (!wk.available) return;
  const double left = wk.hours_end - sim_.now();
  if (left > 0.0 && start_slice(worker, std::min(params_.back_office.slice_min, left))) return;
  if (wk.overtime_from >= 0.0 || left <= 0.0) stop_worker(worker);  // overtime ends with the work
}

void BackOffice::stop_worker(std::uint32_t worker) {
  Worker& wk = workers_[worker];
  wk.available = false;
  if (wk.overtime_from >= 0.0 && sim_.now() > wk.overtime_from) {
    const double minutes = sim_.now() - wk.overtime_from;
    for (auto* o : observers_) o->on_back_office_overtime(sim_.now(), worker, minutes);
  }
  wk.overtime_from = -1.0;
}

void BackOffice::wake_dedicated() {
  for (auto w = static_cast<std::uint32_t>(params_.counters.size());
       w < workers_.size() && has_work(); ++w) {
    Worker& wk = workers_[w];
    if (wk.available && wk.dossier == no_dossier) {
      start_slice(w, std::min(params_.back_office.slice_min, wk.hours_end - sim_.now()));
    }
  }
}

bool BackOffice::start_counter_slice(std::uint32_t counter, double max_minutes) {
  return start_slice(counter, std::min(params_.back_office.slice_min, max_minutes));
}

bool BackOffice::start_slice(std::uint32_t worker, double max_minutes) {
  if (max_minutes <= 0.0) return false;
  // A dedicated worker receives online dossiers the one-stop desk has let fall overdue.
  if (worker >= params_.counters.size() && reception_overdue(sim_.now()) &&
      start_reception(worker, max_minutes))
    return true;
  while (!ready_.empty()) {
    const DossierIndex i = ready_.top().dossier;
    ready_.pop();
    Dossier& d = pool_[i];
    const std::uint64_t down = mask(d) & board_.down_mask();
    if (down != 0) {  // set aside until the system is repaired
      d.delayed_by_system = true;
      blocked_.push_back(i);
      for (auto* o : observers_) o->on_dossier_delayed(sim_.now(), d, std::countr_zero(down));
      continue;
    }
    double factor = 1.0;
    for (std::uint64_t m = mask(d); m != 0; m &= m - 1)
      factor = std::max(factor, board_.factor(std::countr_zero(m)));
    Worker& wk = workers_[worker];
    wk.dossier = i;
    wk.start = sim_.now();
    wk.factor = factor;
    d.in_work = true;
    sim_.schedule_in(std::min(max_minutes, d.work_left * factor), slice_end_, worker,
                     slice_end_priority);
    return true;
  }
  return false;
}

void BackOffice::on_slice_end(std::uint64_t worker) {
  Worker& wk = workers_[worker];
  const DossierIndex i = wk.dossier;
  Dossier& d = pool_[i];
  d.work_left -= (sim_.now() - wk.start) / wk.factor;
  d.in_work = false;
  wk.dossier = no_dossier;
  const bool done = d.work_left <= work_epsilon;
  if (done) {
    after_specialist(i);
  } else {
    ready_.push(Ready{d.deadline, d.intake, i});
  }
  if (worker < params_.counters.size()) {
    listener_.on_counter_slice_end(static_cast<std::uint32_t>(worker));
    if (!done && has_work())
      listener_.on_back_office_work();  // the counter may have taken a ticket
  } else {
    next_dedicated_slice(static_cast<std::uint32_t>(worker));
  }
}

void BackOffice::complete(DossierIndex i) {
  Dossier& d = pool_[i];
  if (d.step != RouteStep::result) enter_step(d, RouteStep::result, d.deadline);
  for (std::uint64_t m = mask(d); m != 0; m &= m - 1) {
    const auto s = static_cast<std::uint32_t>(std::countr_zero(m));
    const SystemParams& sys = params_.systems[s];
    if (sys.sync_failure_share <= 0.0) continue;
    const std::uint64_t key =
        (d.id << 12) | (std::uint64_t{std::min(d.sync_failures, 63u)} << 6) | s;
    const double u = engine::keyed_uniform(
        sim_.stream_seed(), {engine::either(d.online, "online.sync", "dossier.sync"), key});
    if (u >= sys.sync_failure_share) continue;
    ++d.sync_failures;
    d.delayed_by_system = true;
    d.work_left = sys.rework_share * d.work_total;
    for (auto* o : observers_) o->on_dossier_delayed(sim_.now(), d, s);
    const double retry = sim_.now() + sys.sync_delay.sample(sync_delay_);
    if (retry < horizon_) sim_.schedule_at(retry, sync_retry_, i, slice_end_priority);
    return;  // still open; past the run's end it stays in the backlog
  }
  for (auto* o : observers_) o->on_dossier_done(sim_.now(), d);
  pool_.release(i);
  publish_backlog();
}

void BackOffice::on_sync_retry(std::uint64_t dossier) {
  const auto i = static_cast<DossierIndex>(dossier);
  if (pool_[i].work_left <= work_epsilon) {
    complete(i);
  } else {
    make_ready(i);  // the rework; back from the specialist it goes out again (after_specialist)
  }
}

void BackOffice::make_ready(DossierIndex i) {
  ready_.push(Ready{pool_[i].deadline, pool_[i].intake, i});
  wake_dedicated();
  listener_.on_back_office_work();
}

void BackOffice::on_systems_changed() {
  const std::uint64_t down = board_.down_mask();
  bool any = false;
  for (std::size_t b = 0; b < blocked_.size();) {
    const DossierIndex i = blocked_[b];
    if ((mask(pool_[i]) & down) != 0) {
      ++b;
      continue;
    }
    ready_.push(Ready{pool_[i].deadline, pool_[i].intake, i});
    blocked_[b] = blocked_.back();
    blocked_.pop_back();
    any = true;
  }
  if (!any) return;
  wake_dedicated();
  listener_.on_back_office_work();
}

void BackOffice::publish_backlog() {
  const auto n = static_cast<std::uint32_t>(pool_.in_use());
  for (auto* o : observers_) o->on_backlog(sim_.now(), n);
}

}  // namespace sim::model
