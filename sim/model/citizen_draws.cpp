// Draws a new citizen's attributes from the attribute streams of one day, in a fixed order.
#include "sim/model/citizen_draws.hpp"

#include <limits>
#include <numeric>
#include <variant>

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
      behaviour_(sim.stream(StreamKey{"citizen.behaviour", day})),
      no_show_(sim.stream(StreamKey{"citizen.no_show", day})) {
  for (const auto& p : params.procedures) online_chance_.push_back(online_chance(params, p));
  no_writing_today_ = params.no_writing && plan && params.no_writing->weekdays[plan->schedule];
  const auto& demand = params.demand;
  if (saturday_policy_day(params, plan) && !demand.saturday_visit_factor.empty()) {
    visit_factor_ = &demand.saturday_visit_factor;
  } else if (!demand.domain_visit_factor.empty()) {
    visit_factor_ = &demand.domain_visit_factor;
  }
  used_ = used_streams(params, no_writing_today_, visit_factor_ != nullptr);
  if (only_service_varies()) {
    // The fixed attributes as draw_all gives them, from copies of the two streams it draws
    // from, so that the first citizen still gets their first draws.
    const engine::RngStream service = service_, patience = patience_;
    draw_all(prototype_);
    service_ = service;
    patience_ = patience;
    fixed_ = true;
  }
}

bool CitizenDraws::only_service_varies() const {
  const Used& u = used_;
  if (u.priority_class || u.procedure || u.channel || u.form || u.reception || u.policy ||
      u.behaviour || params_.procedures.size() != 1 || no_writing_today_ || visit_factor_ ||
      params_.reception.robot)
    return false;
  const double no_show = params_.behaviour.no_show_share;
  if (no_show > 0.0 && no_show < 1.0) return false;
  const auto fixed = [](const engine::Distribution& d) {
    return std::holds_alternative<engine::Distribution::Deterministic>(d.variant());
  };
  const ProcedureParams& p = params_.procedures.front();
  const ReceptionParams& r = params_.reception;
  return fixed(p.form) && fixed(p.fix_on_spot) && fixed(p.back_office) && fixed(r.misroute_time) &&
         fixed(r.reception_time) && fixed(r.manual_ticket_time);
}

CitizenDraws::Used CitizenDraws::used_streams(const CenterParams& params, bool no_writing_today,
                                              bool visit_factors) {
  const auto uncertain = [](double share) { return share > 0.0 && share < 1.0; };
  const auto varies = [](const engine::Distribution& d) {
    return !std::holds_alternative<engine::Distribution::Deterministic>(d.variant());
  };
  Used used;
  used.priority_class = uncertain(params.priority_share);
  used.procedure = params.procedures.size() > 1;
  used.channel = uncertain(params.demand.online_share);
  used.form = false;
  for (const auto& p : params.procedures) {
    const double staff_written =
        no_writing_today ? p.incomplete_share * params.no_writing->incomplete_factor : 0.0;
    used.form = used.form || varies(p.form) || varies(p.fix_on_spot) ||
                uncertain(p.incomplete_share) || uncertain(staff_written) ||
                uncertain(p.fix_on_spot_share);
  }
  const auto& reception = params.reception;
  const auto& robot = reception.robot;
  // Both uniforms only matter with a wrong pick possible: by the kiosk or by the robot.
  used.reception = varies(reception.misroute_time) || varies(reception.reception_time) ||
                   (params.domains.size() > 1 &&
                    (reception.wrong_pick_share > 0.0 || (robot && 1.0 - robot->accuracy > 0.0)));
  used.policy = visit_factors || no_writing_today || robot.has_value();
  // The behaviour draws are kept with the citizen and read elsewhere: the abandon draw here
  // (with a patience), balk_draw by Reception::balk_chance (0 without balking) and return_draw
  // by ReturnVisits::comes_back. A new reader of them must be added here.
  const auto& b = params.behaviour;
  used.behaviour = (params.patience && uncertain(b.abandon_share)) || b.balk_start > 0 ||
                   uncertain(b.gave_up_return_share);
  return used;
}

double CitizenDraws::unit_exponential() {
  static const engine::Distribution unit = engine::Distribution::exponential(1.0);
  return unit.sample(arrivals_);
}

void CitizenDraws::draw_varying(Citizen& c) {
  // draw_all's two draws, in its order. The behaviour stream is not used, so draw_all's
  // abandonment draw is 0: nobody abandons unless abandon_share is above 0.
  c.service_need = params_.procedures.front().service.sample(service_);
  c.patience = params_.patience ? params_.patience->sample(patience_)
                                : std::numeric_limits<double>::infinity();
  if (params_.behaviour.abandon_share <= 0.0) c.patience = std::numeric_limits<double>::infinity();
}

// Flattened: the fixed durations and the policies' part cost less inline (issue 20).
[[gnu::flatten]] void CitizenDraws::draw_all(Citizen& c) {
  c.priority_class = uniform_if(class_, used_.priority_class) < params_.priority_share
                         ? PriorityClass::priority
                         : PriorityClass::regular;
  c.procedure =
      used_.procedure ? static_cast<std::uint32_t>(procedure_choice_.sample(procedure_)) : 0;
  const ProcedureParams& p = params_.procedures[c.procedure];
  c.domain = c.queue = p.domain;
  c.service_need = p.service.sample(service_);
  c.patience = params_.patience ? params_.patience->sample(patience_)
                                : std::numeric_limits<double>::infinity();
  // Only a share of ticket holders ever gives up; the others wait to be called.
  const double abandons = uniform_if(behaviour_, used_.behaviour);
  if (abandons >= params_.behaviour.abandon_share)
    c.patience = std::numeric_limits<double>::infinity();
  c.balk_draw = uniform_if(behaviour_, used_.behaviour);
  c.return_draw = uniform_if(behaviour_, used_.behaviour);
  const double no_show = params_.behaviour.no_show_share;
  c.absent_when_called = no_show > 0.0 && (no_show >= 1.0 || no_show_.uniform01() < no_show);
  // The online share moves only procedures that may be filed online (in-person signature
  // certifications stay at the counter however many file online). Every chance is 0 or 1 only
  // when the share is, so `used_.channel` (uncertain(online_share)) is still exact.
  c.online = uniform_if(channel_, used_.channel) < online_chance_[c.procedure];
  c.form_time = p.form.sample(form_);
  double incomplete_share = p.incomplete_share;
  draw_policies(c, incomplete_share);
  c.incomplete = uniform_if(form_, used_.form) < incomplete_share;
  c.fix_on_spot = uniform_if(form_, used_.form) < p.fix_on_spot_share;
  c.fix_time = p.fix_on_spot.sample(form_);
  const double wrong = uniform_if(reception_, used_.reception);
  const double other = uniform_if(reception_, used_.reception);
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
  const double stay = uniform_if(policy_, used_.policy), ask = uniform_if(policy_, used_.policy),
               answer = uniform_if(policy_, used_.policy);
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
