// Citizens walking in: the day's arrival process and the attributes each one is drawn with.
#include "sim/model/walk_ins.hpp"

namespace sim::model {

WalkIns::WalkIns(engine::Simulation& sim, const CenterParams& params, CitizenPool& pool,
                 VisitRouter& router)
    : sim_(sim),
      params_(params),
      pool_(pool),
      router_(router),
      arrival_(sim.add_handler<&WalkIns::on_arrival>(*this, "walk_ins.arrival")) {}

void WalkIns::start_day(std::uint32_t day, const DayPlan* plan) {
  draws_.emplace(sim_, params_, day, plan);
  calendar_form_ = plan != nullptr;
  if (plan) profile_ = ArrivalProfile(params_.demand, *plan, day);
}

void WalkIns::schedule_next() {
  if (!calendar_form_) {
    const double t = sim_.now() + draws_->interarrival();
    if (t < params_.arrivals_end) sim_.schedule_at(t, arrival_, 0, arrival_priority);
    return;
  }
  const double t = profile_.next(sim_.now(), draws_->unit_exponential());
  if (t >= 0.0) sim_.schedule_at(t, arrival_, 0, arrival_priority);
}

// Flattened: the next arrival's scheduling and the pool slot are small calls, cheaper inline.
[[gnu::flatten]] void WalkIns::on_arrival(std::uint64_t) {
  schedule_next();
  // With fixed attributes the slot starts as the day's prototype citizen, so that only what
  // varies is drawn; otherwise as a default one, copied from a constant (fewer loads).
  const CitizenIndex i = draws_->fixed() ? pool_.acquire(draws_->prototype()) : pool_.acquire();
  Citizen& c = pool_[i];
  c.id = next_citizen_id_++;
  c.arrival = c.first_arrival = c.ticket_time = sim_.now();
  draws_->draw_from_prototype(c);
  if (c.online || c.stays_home) {
    // Online demand is the OnlineChannel's own process. Dropping the online share here keeps
    // the walk-ins a Poisson process of (1 - online_share) x the day's intensity, and keeps
    // every other citizen's draws where they were. Citizens a policy keeps away (answered in
    // an online group, moved to Saturday) are thinned the same way.
    pool_.release(i);
    return;
  }
  router_.arrive(i);
}

}  // namespace sim::model
