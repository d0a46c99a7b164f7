// One service center: its days, sessions and counters (visit steps are in center_visit.cpp).
#include "sim/model/center.hpp"

namespace sim::model {

Center::Center(engine::Simulation& sim, const CenterParams& params)
    : sim_(sim),
      params_(params),
      day_start_(sim.add_handler<&Center::on_day_start>(*this, "center.day_start")),
      day_end_(sim.add_handler<&Center::on_day_end>(*this, "center.day_end")),
      session_open_(sim.add_handler<&Center::on_session_open>(*this, "center.session_open")),
      session_close_(sim.add_handler<&Center::on_session_close>(*this, "center.session_close")),
      overtime_cap_(sim.add_handler<&Center::on_overtime_cap>(*this, "center.overtime_cap")),
      arrival_(sim.add_handler<&Center::on_arrival>(*this, "center.arrival")),
      return_(sim.add_handler<&Center::on_return>(*this, "center.return_visit")),
      form_done_(sim.add_handler<&Center::on_form_done>(*this, "center.form_done")),
      reception_done_(sim.add_handler<&Center::on_reception_done>(*this, "center.reception_done")),
      service_end_(sim.add_handler<&Center::on_service_end>(*this, "center.service_end")),
      renege_(sim.add_handler<&Center::on_renege>(*this, "center.renege")),
      robot_done_(sim.add_handler<&Center::on_robot_done>(*this, "center.robot_done")),
      queues_(params.domains.size()),
      hall_(params),
      free_receptionists_(params.reception.receptionists),
      free_robot_places_(params.reception.robot ? params.reception.robot->capacity : 0) {
  for (const auto& p : params.procedures) procedure_mask_.push_back(system_mask(p));
  if (!params.calendar) return;
  calendar_.emplace(*params.calendar);
  board_.emplace(sim, params.systems, calendar_->days() * 1440.0,
                 static_cast<SystemListener&>(*this));
  back_office_.emplace(sim, params, *calendar_, *board_, observers_,
                       static_cast<BackOfficeListener&>(*this));
  online_.emplace(sim, params, *calendar_, *board_, *back_office_, observers_);
}

void Center::start() {
  if (calendar_) {
    sim_.schedule_at(0.0, day_start_, 0, day_start_priority);
    board_->start();
    return;
  }
  // Station form: always open, every counter staffed by its first staff member.
  draws_.emplace(sim_, params_, 0);
  seat_staff(0);
  schedule_next_arrival();
}

std::uint32_t Center::queue_length() const {
  std::uint32_t n = 0;
  for (const auto& q : queues_) n += q.size();
  return n;
}

void Center::on_day_start(std::uint64_t day) {
  day_ = static_cast<std::uint32_t>(day);
  const DayPlan& plan = calendar_->day(day_);
  draws_.emplace(sim_, params_, day_, &plan);
  profile_ = ArrivalProfile(params_.demand, plan, day_);
  tickets_today_ = 0;
  closed_for_day_ = false;
  in_session_ = false;
  for (auto* o : observers_) o->on_day_start(sim_.now(), day_);
  back_office_->start_day(day_);
  online_->start_day(day_);
  for (std::uint32_t s = 0; s < plan.sessions.size(); ++s) {
    sim_.schedule_at(WorkCalendar::time_of(day_, plan.sessions[s].open_min), session_open_, s,
                     session_open_priority);
    sim_.schedule_at(WorkCalendar::time_of(day_, plan.sessions[s].close_min), session_close_, s,
                     session_close_priority);
  }
  schedule_next_arrival();
  sim_.schedule_at(WorkCalendar::time_of(day_, 1440), day_end_, day_, day_end_priority);
}

void Center::on_day_end(std::uint64_t day) {
  for (auto* o : observers_) o->on_day_end(sim_.now(), static_cast<std::uint32_t>(day));
  if (day + 1 < calendar_->days())
    sim_.schedule_at(sim_.now(), day_start_, day + 1, day_start_priority);
}

void Center::seat_staff(std::uint32_t session) {
  // Each counter gets the first of its assigned staff who works today and is not absent.
  // Absence is a keyed draw per (staff, day, session): adding a staff member or a session
  // elsewhere never changes who is absent here.
  const unsigned weekday = calendar_ ? calendar_->day(day_).weekday : 0;
  for (std::uint32_t s = 0; s < params_.staff.size(); ++s) {
    const StaffParams& staff = params_.staff[s];
    auto& counter = hall_.counter(staff.counter);
    if (counter.staff != no_index || !staff.works[weekday]) continue;
    if (day_ < staff.first_day || day_ > staff.last_day) continue;  // seconded for a period
    if (!opens_today(staff.counter)) continue;
    const std::uint64_t key = (std::uint64_t{day_} << 24) | (std::uint64_t{session} << 16) | s;
    if (engine::keyed_uniform(sim_.stream_seed(), {"staff.absence", key}) < staff.absence_prob)
      continue;
    counter.staff = s;
  }
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    auto& counter = hall_.counter(k);
    counter.calling = counter.staff != no_index;
    if (counter.calling && counter.state == CounterState::closed)
      set_counter(k, CounterState::idle);
    call(k);
  }
}

bool Center::serves_domain_on(std::uint32_t day, std::uint32_t domain) const {
  return !params_.saturday || calendar_->day(day).weekday != 5 || params_.saturday->domains[domain];
}

bool Center::opens_today(std::uint32_t counter) const {
  // Friendly Saturday: only counters serving one of the Saturday domains open that day.
  if (!params_.saturday || !calendar_ || calendar_->day(day_).weekday != 5) return true;
  for (auto d : params_.counters[counter].domains) {
    if (params_.saturday->domains[d]) return true;
  }
  return false;
}

void Center::on_session_open(std::uint64_t session) {
  in_session_ = true;
  session_close_time_ =
      WorkCalendar::time_of(day_, calendar_->day(day_).sessions[session].close_min);
  seat_staff(static_cast<std::uint32_t>(session));
}

void Center::on_session_close(std::uint64_t session) {
  in_session_ = false;
  const bool last = session + 1 == calendar_->day(day_).sessions.size();
  const bool overtime = last && params_.policy.closing == PolicyParams::Closing::overtime &&
                        WorkCalendar::time_of(day_, params_.policy.overtime_cap_min) > sim_.now();
  if (last) {
    closed_for_day_ = true;
    last_close_ = sim_.now();
  }
  for (std::uint32_t k = 0; k < hall_.size(); ++k) hall_.counter(k).calling = overtime;
  if (last && !overtime) {
    send_waiting_home(LeaveReason::closing);
    end_suspended_services();
  }
  if (!last && params_.policy.lunch == PolicyParams::Lunch::leave_and_return) {
    send_waiting_home(LeaveReason::lunch);
  }
  if (overtime) {
    sim_.schedule_at(WorkCalendar::time_of(day_, params_.policy.overtime_cap_min), overtime_cap_, 0,
                     session_close_priority);
  }
  for (std::uint32_t k = 0; k < hall_.size(); ++k) call(k);
}

void Center::on_overtime_cap(std::uint64_t) {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) hall_.counter(k).calling = false;
  send_waiting_home(LeaveReason::closing);
  end_suspended_services();
  for (std::uint32_t k = 0; k < hall_.size(); ++k) call(k);
}

bool Center::queue_served_later(std::uint32_t queue) const {
  if (in_session_) return true;
  if (!closed_for_day_) return params_.policy.lunch == PolicyParams::Lunch::wait;  // lunch break
  // After the last close only counters still open in overtime call tickets.
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    const auto& counter = hall_.counter(k);
    if (counter.calling && counter.state != CounterState::closed && hall_.speed(k, queue) > 0.0 &&
        hall_.serves(k, queue)) {
      return true;
    }
  }
  return false;
}

void Center::call(std::uint32_t k) {
  const auto& counter = hall_.counter(k);
  if (counter.state != CounterState::idle) return;
  if (counter.calling) {
    const std::uint32_t q = hall_.next_queue(k, queues_, pool_);
    if (q != no_index) {
      const CitizenIndex i = queues_[q].pop_front(pool_);
      publish_queue_length(q);
      start_service(i, k);
      return;
    }
    // Open with no ticket to call: back-office work, or wait idle for the next ticket.
    if (in_session_) {
      offer_back_office(k);
      return;
    }
  }
  close_counter(k);
}

bool Center::offer_back_office(std::uint32_t k) {
  if (!back_office_ || !params_.back_office.counter_staff || !back_office_->has_work())
    return false;
  // A slice ends by the session's close, so back-office work never turns into overtime.
  if (!back_office_->start_counter_slice(k, session_close_time_ - sim_.now())) return false;
  set_counter(k, CounterState::back_office);
  return true;
}

void Center::on_counter_slice_end(std::uint32_t k) {
  set_counter(k, CounterState::idle);
  call(k);
}

void Center::on_back_office_work() {
  if (!in_session_ || !params_.back_office.counter_staff) return;
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    if (hall_.counter(k).state == CounterState::idle && hall_.counter(k).calling) call(k);
  }
}

void Center::close_counter(std::uint32_t k) {
  auto& counter = hall_.counter(k);
  const std::uint32_t staff = counter.staff;
  set_counter(k, CounterState::closed);
  counter.staff = no_index;
  counter.calling = false;
  if (closed_for_day_ && staff != no_index && sim_.now() > last_close_) {
    for (auto* o : observers_) o->on_overtime(sim_.now(), staff, sim_.now() - last_close_);
  }
}

void Center::set_counter(std::uint32_t k, CounterState state) {
  hall_.set_state(k, state);
  for (auto* o : observers_) o->on_counter_state(sim_.now(), k, hall_.counter(k).staff, state);
}

void Center::publish_queue_length(std::uint32_t q) {
  for (auto* o : observers_) o->on_queue_length(sim_.now(), q, queues_[q].size());
}

void Center::send_waiting_home(LeaveReason reason) {
  // Citizens still waiting for the reception desk leave too; the one at the desk finishes
  // and is then refused a ticket if tickets have stopped.
  while (!reception_queue_.empty()) leave(reception_queue_.pop_front(pool_), reason);
  for (std::uint32_t q = 0; q < queues_.size(); ++q) {
    while (!queues_[q].empty()) {
      const CitizenIndex i = queues_[q].pop_front(pool_);
      sim_.cancel(pool_[i].pending_event);
      publish_queue_length(q);
      leave(i, reason);
    }
  }
}

}  // namespace sim::model
