// Citizens who filed online coming to the counter to collect their result.
#include "sim/model/pick_ups.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::model {

PickUps::PickUps(engine::Simulation& sim, const CenterParams& params, const WorkCalendar& calendar,
                 CitizenPool& pool, VisitRouter& router)
    : sim_(sim),
      params_(params),
      calendar_(calendar),
      pool_(pool),
      router_(router),
      visit_(sim.add_handler<&PickUps::on_visit>(*this, "pick_ups.visit")),
      procedure_(pickup_procedure(params)) {}

void PickUps::on_dossier_done(engine::SimTime t, const Dossier& d) {
  if (!procedure_ || !d.online || !collected_at_counter(params_.procedures[d.procedure])) return;
  // The result is ready now: the citizen comes for it from today on (a late dossier's visit
  // comes when it is done, an early one's as soon as it is).
  const double ready_day = std::floor(t / 1440.0);
  if (ready_day >= calendar_.days()) return;
  const double u = engine::keyed_uniform(sim_.stream_seed(), {"pickup.time", d.id});
  const double when = visit_time(static_cast<std::uint32_t>(ready_day), t, u);
  if (when >= 0.0) sim_.schedule_at(when, visit_, d.id, arrival_priority);
}

double PickUps::visit_time(std::uint32_t first_day, engine::SimTime t, double u) {
  const std::uint32_t domain = params_.procedures[*procedure_].domain;
  std::optional<std::uint32_t> day = first_day;
  // The result ready on a day: the citizen comes at their usual hour if it is ready by then,
  // else on the next working day (a handful of steps at most: the loop ends with the run).
  while (day) {
    const DayPlan& plan = calendar_.day(*day);
    if (plan.working && serves_domain_on(params_, plan, domain)) {
      if (profile_day_ != *day) {
        profile_ = ArrivalProfile(params_.demand, plan, *day);
        profile_day_ = *day;
      }
      const double when = profile_.at_fraction(u);
      if (when >= t) return when;
    }
    day = calendar_.next_working_day(*day);
  }
  return -1.0;
}

void PickUps::on_visit(std::uint64_t dossier_id) {
  const ProcedureParams& p = params_.procedures[*procedure_];
  engine::RngStream s = sim_.stream({"pickup.citizen", dossier_id});
  const CitizenIndex i = pool_.acquire();
  Citizen& c = pool_[i];
  c.id = id_base + dossier_id;
  c.arrival = c.first_arrival = c.ticket_time = sim_.now();
  c.procedure = *procedure_;
  c.domain = c.queue = c.robot_queue = p.domain;  // the receipt says where to queue
  c.priority_class =
      s.uniform01() < params_.priority_share ? PriorityClass::priority : PriorityClass::regular;
  c.service_need = p.service.sample(s);
  c.patience = params_.patience && s.uniform01() < params_.behaviour.abandon_share
                   ? params_.patience->sample(s)
                   : std::numeric_limits<double>::infinity();
  c.balk_draw = s.uniform01();
  c.return_draw = s.uniform01();
  c.reception_time = params_.reception.reception_time.sample(s);
  c.manual_ticket_time = params_.reception.manual_ticket_time.sample(s);
  c.misroute_time = params_.reception.misroute_time.sample(s);
  c.absent_when_called = s.uniform01() < params_.behaviour.no_show_share;  // the last draw
  router_.arrive(i);
}

}  // namespace sim::model
