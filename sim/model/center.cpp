// One service center: the wiring between its stage components.
#include "sim/model/center.hpp"

#include <algorithm>

namespace sim::model {
namespace {
std::optional<WorkCalendar> make_calendar(const CenterParams& params) {
  if (!params.calendar) return std::nullopt;
  return std::optional<WorkCalendar>(std::in_place, *params.calendar);
}
}  // namespace

Center::Center(engine::Simulation& sim, const CenterParams& params)
    : sim_(sim),
      params_(params),
      calendar_(make_calendar(params)),
      days_(sim, params, calendar_ ? &*calendar_ : nullptr, *this),
      walk_ins_(sim, params, pool_, *this),
      reception_(sim, params, days_, board_, pool_, observers_, *this),
      counters_(sim, params, days_, board_, back_office_, pool_, observers_, *this),
      returns_(sim, params, days_, pool_, *this) {
  if (!calendar_) return;
  board_.emplace(sim, params.systems, calendar_->days() * 1440.0,
                 static_cast<SystemListener&>(*this));
  back_office_.emplace(sim, params, *calendar_, *board_, observers_, counters_);
  online_.emplace(sim, params, *calendar_, *board_, *back_office_, observers_);
  // The pick-ups hear of finished dossiers first, before any statistics observer.
  pickups_.emplace(sim, params, *calendar_, pool_, static_cast<VisitRouter&>(*this));
  observers_.push_back(&*pickups_);
}

void Center::remove_observer(CenterObserver& observer) { observers_.remove(&observer); }

void Center::start() {
  if (calendar_) {
    days_.start();
    board_->start();
    return;
  }
  // Station form: always open, every counter staffed by its first staff member.
  walk_ins_.start_day(0, nullptr);
  counters_.open_session(0);
  walk_ins_.schedule_first();
}

void Center::on_day_start(std::uint32_t day) {
  walk_ins_.start_day(day, &calendar_->day(day));
  reception_.start_day();
  for (auto* o : observers_) o->on_day_start(sim_.now(), day);
  back_office_->start_day(day);
  online_->start_day(day);
  walk_ins_.schedule_first();
}

void Center::on_day_end(std::uint32_t day) {
  for (auto* o : observers_) o->on_day_end(sim_.now(), day);
}

void Center::on_session_open(std::uint32_t session) { counters_.open_session(session); }

void Center::on_calling_stop(const CallingStop& stop) {
  counters_.set_calling(stop.overtime);
  if (stop.send_home) {
    // Those waiting for the reception desk leave first, then the ticket holders.
    reception_.send_home_waiting(*stop.send_home);
    counters_.send_home_waiting(*stop.send_home);
  }
  if (stop.end_suspended) counters_.end_suspended_services();
  counters_.call_all();
}

void Center::on_system_change(std::uint32_t system, SystemState, SystemState now, double factor) {
  for (auto* o : observers_) o->on_system_state(sim_.now(), system, now, factor);
  counters_.on_system_change(system);
  back_office_->on_systems_changed();
}

void Center::arrive(CitizenIndex i) {
  for (auto* o : observers_) o->on_arrival(sim_.now(), pool_[i]);
  reception_.receive(i);
}

void Center::served(CitizenIndex i) {
  const Citizen& c = pool_[i];
  for (auto* o : observers_) o->on_served(sim_.now(), c);
  if (const double fee = params_.procedures[c.procedure].fee_vnd; fee > 0.0) {
    for (auto* o : observers_) o->on_counter_payment(sim_.now(), c.procedure, fee);
  }
  if (back_office_ && params_.procedures[c.procedure].dossier) {
    Dossier d;
    d.id = c.id;
    d.procedure = c.procedure;
    d.domain = c.domain;
    d.day = days_.day();
    d.received = sim_.now();
    d.work_total = c.back_office_need * params_.back_office.time_factor_at(d.received) +
                   (c.paper ? c.paper_entry : 0.0);
    d.paper = c.paper;
    back_office_->receive(d);
  }
  pool_.release(i);
}

void Center::leave(CitizenIndex i, LeaveReason reason) {
  // The return is decided first, so that observers know whether this departure is final.
  const bool back = returns_.schedule(i, reason);
  for (auto* o : observers_) o->on_leave(sim_.now(), pool_[i], reason);
  if (!back) pool_.release(i);
}

}  // namespace sim::model
