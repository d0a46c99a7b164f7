// Draws a new citizen's attributes from the attribute streams of one day, in a fixed order.
#include "sim/model/citizen_draws.hpp"

#include <limits>
#include <numeric>

namespace sim::model {
namespace {
bool saturday_policy_day(const CenterParams& params, const DayPlan* plan) {
  return params.saturday && plan && plan->schedule == 5;
}

engine::Distribution procedure_mix(const CenterParams& params, const DayPlan* plan) {
  std::vector<double> index(params.procedures.size());
  std::iota(index.begin(), index.end(), 0.0);
  if (saturday_policy_day(params, plan)) {
    return engine::Distribution::empirical(index, params.saturday->saturday_shares);
  }
  std::vector<double> shares;
  for (const auto& p : params.procedures) shares.push_back(p.share);
  return engine::Distribution::empirical(index, shares);
}
}  // namespace

using engine::StreamKey;

CitizenDraws::CitizenDraws(const engine::Simulation& sim, const CenterParams& params,
                           std::uint32_t day, const DayPlan* plan)
    : params_(params),
      procedure_choice_(procedure_mix(params, plan)),
      arrivals_(sim.stream(StreamKey{"arrivals.interarrival", day})),
      class_(sim.stream(StreamKey{"arrivals.priority_class", day})),
      service_(sim.stream(StreamKey{"citizen.service_need", day})),
      patience_(sim.stream(StreamKey{"citizen.patience", day})),
      procedure_(sim.stream(StreamKey{"citizen.procedure", day})),
      channel_(sim.stream(StreamKey{"citizen.channel", day})),
      form_(sim.stream(StreamKey{"citizen.dossier", day})),
      reception_(sim.stream(StreamKey{"citizen.reception", day})),
      manual_ticket_(sim.stream(StreamKey{"citizen.manual_ticket", day})),
      back_office_(sim.stream(StreamKey{"citizen.back_office", day})),
      policy_(sim.stream(StreamKey{"citizen.policy", day})),
      robot_time_(sim.stream(StreamKey{"citizen.robot_time", day})),
      behaviour_(sim.stream(StreamKey{"citizen.behaviour", day})) {
  for (const auto& p : params.procedures) online_chance_.push_back(online_chance(params, p));
  no_writing_today_ = params.no_writing && plan && params.no_writing->weekdays[plan->schedule];
  const auto& demand = params.demand;
  if (saturday_policy_day(params, plan) && !demand.saturday_visit_factor.empty()) {
    visit_factor_ = &demand.saturday_visit_factor;
  } else if (!demand.domain_visit_factor.empty()) {
    visit_factor_ = &demand.domain_visit_factor;
  }
}

double CitizenDraws::interarrival() { return params_.interarrival.sample(arrivals_); }

double CitizenDraws::unit_exponential() {
  return engine::Distribution::exponential(1.0).sample(arrivals_);
}

void CitizenDraws::draw(Citizen& c) {
  c.priority_class = class_.uniform01() < params_.priority_share ? PriorityClass::priority
                                                                 : PriorityClass::regular;
  c.procedure = static_cast<std::uint32_t>(procedure_choice_.sample(procedure_));
  const ProcedureParams& p = params_.procedures[c.procedure];
  c.domain = c.queue = p.domain;
  c.service_need = p.service.sample(service_);
  c.patience = params_.patience ? params_.patience->sample(patience_)
                                : std::numeric_limits<double>::infinity();
  // Only a share of ticket holders ever gives up; the others wait to be called.
  const double abandons = behaviour_.uniform01();
  if (abandons >= params_.behaviour.abandon_share)
    c.patience = std::numeric_limits<double>::infinity();
  c.balk_draw = behaviour_.uniform01();
  c.return_draw = behaviour_.uniform01();
  // The online share moves only procedures that may be filed online (in-person signature
  // certifications stay at the counter however many file online).
  c.online = channel_.uniform01() < online_chance_[c.procedure];
  c.form_time = p.form.sample(form_);
  double incomplete_share = p.incomplete_share;
  draw_policies(c, incomplete_share);
  c.incomplete = form_.uniform01() < incomplete_share;
  c.fix_on_spot = form_.uniform01() < p.fix_on_spot_share;
  c.fix_time = p.fix_on_spot.sample(form_);
  const double wrong = reception_.uniform01();
  const double other = reception_.uniform01();
  c.misroute_time = params_.reception.misroute_time.sample(reception_);
  c.reception_time = params_.reception.reception_time.sample(reception_);
  c.manual_ticket_time = params_.reception.manual_ticket_time.sample(manual_ticket_);
  c.back_office_need = p.back_office.sample(back_office_);
  const auto domains = static_cast<std::uint32_t>(params_.domains.size());
  if (domains > 1 && wrong < params_.reception.wrong_pick_share) {
    // A wrong pick lands uniformly on one of the other domains.
    auto k = static_cast<std::uint32_t>(other * (domains - 1));
    if (k >= c.domain) ++k;
    c.queue = std::min(k, domains - 1);
    c.wrong_pick = c.queue != c.domain;
  }
  c.robot_queue = c.domain;
  if (const auto& robot = params_.reception.robot;
      robot && domains > 1 && wrong < 1.0 - robot->accuracy) {
    // The same two uniforms as the kiosk's pick: the robot's mistakes are a subset of the
    // kiosk's when it is more accurate, which keeps the comparison paired.
    auto k = static_cast<std::uint32_t>(other * (domains - 1));
    if (k >= c.domain) ++k;
    c.robot_queue = std::min(k, domains - 1);
  }
}

void CitizenDraws::draw_policies(Citizen& c, double& incomplete_share) {
  // Every uniform is drawn for every citizen, whatever the policies, so that switching a
  // policy on changes only the citizens it concerns (common random numbers).
  const double stay = policy_.uniform01(), ask = policy_.uniform01(), answer = policy_.uniform01();
  const ProcedureParams& p = params_.procedures[c.procedure];
  c.stays_home = visit_factor_ && stay >= (*visit_factor_)[c.domain];
  if (no_writing_today_ && p.proxy_writing_allowed && ask < params_.no_writing->uptake) {
    // Staff write the forms: the citizen's writing time becomes counter work, and forms written
    // by staff are incomplete less often.
    c.service_need += c.form_time * params_.no_writing->staff_form_factor;
    c.form_time = 0.0;
    incomplete_share *= params_.no_writing->incomplete_factor;
  }
  const auto& robot = params_.reception.robot;
  c.robot_time = robot ? robot->service_time.sample(robot_time_) : 0.0;
  c.robot_answers = robot && robot->answers[c.domain] && answer < robot->answer_share;
}

}  // namespace sim::model
