// Citizens sent home who come back on a later working day.
#include "sim/model/return_visits.hpp"

namespace sim::model {

ReturnVisits::ReturnVisits(engine::Simulation& sim, const CenterParams& params,
                           const DayCycle& days, CitizenPool& pool, VisitRouter& router)
    : sim_(sim),
      params_(params),
      days_(days),
      pool_(pool),
      router_(router),
      return_(sim.add_handler<&ReturnVisits::on_return>(*this, "returns.return_visit")) {}

std::optional<std::uint32_t> ReturnVisits::return_day(const Citizen& c) const {
  const WorkCalendar& calendar = *days_.calendar();
  std::optional<std::uint32_t> day = days_.day();
  for (int n = 0; day && n < params_.policy.return_after_working_days; ++n) {
    day = calendar.next_working_day(*day);
  }
  // A Friendly Saturday serves some domains only: the others come back on a weekday.
  while (day && !serves_domain_on(params_, calendar.day(*day), c.domain)) {
    day = calendar.next_working_day(*day);
  }
  return day;
}

double ReturnVisits::position() {
  // The stream of the day the citizen leaves, created at its first use that day: the same
  // draws as a stream created at the day's start.
  if (stream_day_ != days_.day()) {
    stream_day_ = days_.day();
    stream_.emplace(sim_.stream({"citizen.return", stream_day_}));
  }
  return stream_->uniform01();
}

bool ReturnVisits::comes_back(const Citizen& c, LeaveReason reason) const {
  if (!days_.calendar() || c.visit >= params_.policy.max_visits) return false;
  if (returns_later(reason)) return true;
  // Those who gave up still need their procedure: some come back another day.
  const bool gave_up = reason == LeaveReason::reneged || reason == LeaveReason::balked;
  return gave_up && c.return_draw < params_.behaviour.gave_up_return_share;
}

bool ReturnVisits::schedule(CitizenIndex i, LeaveReason reason) {
  Citizen& c = pool_[i];
  c.returning = comes_back(c, reason);
  if (!c.returning) return false;
  // A return after the run's last day is pending at the horizon: not scheduled.
  const auto day = return_day(c);
  if (!day) return false;
  // The return visit falls on that day where the day's own arrivals are dense. Citizens sent
  // home on one day mostly come back on the same later day: the profile of the last return day
  // is kept, so a send-home does not build (and allocate) a profile.
  if (profile_day_ != *day) {
    profile_ = ArrivalProfile(params_.demand, days_.calendar()->day(*day), *day);
    profile_day_ = *day;
  }
  const double t = profile_.at_fraction(position());
  if (t < 0.0) return false;
  ++away_;
  c.pending_event = sim_.schedule_at(t, return_, i, arrival_priority);
  return true;
}

void ReturnVisits::on_return(std::uint64_t citizen) {
  const auto i = static_cast<CitizenIndex>(citizen);
  Citizen& c = pool_[i];
  --away_;
  c.returning = false;
  ++c.visit;
  c.arrival = c.ticket_time = sim_.now();
  c.waited = 0.0;
  c.form_time = 0.0;     // the forms were filled on the first visit
  c.incomplete = false;  // they come back with the missing papers
  c.queue = c.domain;    // and now know where to queue
  c.wrong_pick = false;
  c.paper = false;
  c.effects = 0;
  c.ticketed = false;
  c.no_show = false;
  c.absent_when_called = false;  // one who came back on purpose waits for the call
  router_.arrive(i);
}

}  // namespace sim::model
