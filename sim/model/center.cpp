// One service center: the wiring between its stage components, and the counters' sessions.
#include "sim/model/center.hpp"

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
      returns_(sim, params, days_, pool_, *this),
      service_end_(sim.add_handler<&Center::on_service_end>(*this, "counters.service_end")),
      renege_(sim.add_handler<&Center::on_renege>(*this, "counters.renege")),
      queues_(params.domains.size()),
      hall_(params) {
  for (const auto& p : params.procedures) procedure_mask_.push_back(system_mask(p));
  if (!calendar_) return;
  board_.emplace(sim, params.systems, calendar_->days() * 1440.0,
                 static_cast<SystemListener&>(*this));
  back_office_.emplace(sim, params, *calendar_, *board_, observers_,
                       static_cast<BackOfficeListener&>(*this));
  online_.emplace(sim, params, *calendar_, *board_, *back_office_, observers_);
}

void Center::start() {
  if (calendar_) {
    days_.start();
    board_->start();
    return;
  }
  // Station form: always open, every counter staffed by its first staff member.
  walk_ins_.start_day(0, nullptr);
  seat_staff(0);
  walk_ins_.schedule_first();
}

std::uint32_t Center::queue_length() const {
  std::uint32_t n = 0;
  for (const auto& q : queues_) n += q.size();
  return n;
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

void Center::on_session_open(std::uint32_t session) { seat_staff(session); }

void Center::on_calling_stop(const CallingStop& stop) {
  for (std::uint32_t k = 0; k < hall_.size(); ++k) hall_.counter(k).calling = stop.overtime;
  if (stop.send_home) send_waiting_home(*stop.send_home);
  if (stop.end_suspended) end_suspended_services();
  for (std::uint32_t k = 0; k < hall_.size(); ++k) call(k);
}

void Center::arrive(CitizenIndex i) {
  for (auto* o : observers_) o->on_arrival(sim_.now(), pool_[i]);
  reception_.receive(i);
}

void Center::served(CitizenIndex i) {
  const Citizen& c = pool_[i];
  for (auto* o : observers_) o->on_served(sim_.now(), c);
  if (back_office_ && params_.procedures[c.procedure].dossier) {
    Dossier d;
    d.id = c.id;
    d.procedure = c.procedure;
    d.domain = c.domain;
    d.day = days_.day();
    d.received = sim_.now();
    d.work_total = c.back_office_need + (c.paper ? c.paper_entry : 0.0);
    d.paper = c.paper;
    back_office_->receive(d);
  }
  pool_.release(i);
}

void Center::leave(CitizenIndex i, LeaveReason reason) {
  for (auto* o : observers_) o->on_leave(sim_.now(), pool_[i], reason);
  if (!returns_.schedule(i, reason)) pool_.release(i);
}

void Center::seat_staff(std::uint32_t session) {
  // Each counter gets the first of its assigned staff who works today and is not absent.
  // Absence is a keyed draw per (staff, day, session): adding a staff member or a session
  // elsewhere never changes who is absent here.
  const std::uint32_t day = days_.day();
  const unsigned weekday = calendar_ ? calendar_->day(day).weekday : 0;
  for (std::uint32_t s = 0; s < params_.staff.size(); ++s) {
    const StaffParams& staff = params_.staff[s];
    auto& counter = hall_.counter(staff.counter);
    if (counter.staff != no_index || !staff.works[weekday]) continue;
    if (day < staff.first_day || day > staff.last_day) continue;  // seconded for a period
    if (!opens_today(staff.counter)) continue;
    const std::uint64_t key = (std::uint64_t{day} << 24) | (std::uint64_t{session} << 16) | s;
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

bool Center::opens_today(std::uint32_t counter) const {
  // Friendly Saturday: only counters serving one of the Saturday domains open that day.
  if (!params_.saturday || !calendar_ || calendar_->day(days_.day()).weekday != 5) return true;
  for (auto d : params_.counters[counter].domains) {
    if (params_.saturday->domains[d]) return true;
  }
  return false;
}

bool Center::queue_served_later(std::uint32_t queue) const {
  if (days_.in_session()) return true;
  if (!days_.closed_for_day()) return days_.tickets_wait_over_lunch();
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
    if (days_.in_session()) {
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
  if (!back_office_->start_counter_slice(k, days_.session_close_time() - sim_.now())) return false;
  set_counter(k, CounterState::back_office);
  return true;
}

void Center::on_counter_slice_end(std::uint32_t k) {
  set_counter(k, CounterState::idle);
  call(k);
}

void Center::on_back_office_work() {
  if (!days_.in_session() || !params_.back_office.counter_staff) return;
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
  if (days_.closed_for_day() && staff != no_index && sim_.now() > days_.last_close()) {
    for (auto* o : observers_) o->on_overtime(sim_.now(), staff, sim_.now() - days_.last_close());
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
  reception_.send_home_waiting(reason);
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
