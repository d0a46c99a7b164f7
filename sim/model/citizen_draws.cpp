// Draws a new citizen's attributes from the attribute streams of one day, in a fixed order.
#include "sim/model/citizen_draws.hpp"

#include <limits>
#include <numeric>

namespace sim::model {
namespace {
engine::Distribution procedure_mix(const CenterParams& params) {
  std::vector<double> index(params.procedures.size());
  std::iota(index.begin(), index.end(), 0.0);
  std::vector<double> shares;
  for (const auto& p : params.procedures) shares.push_back(p.share);
  return engine::Distribution::empirical(index, shares);
}
}  // namespace

using engine::StreamKey;

CitizenDraws::CitizenDraws(const engine::Simulation& sim, const CenterParams& params,
                           std::uint32_t day)
    : params_(params),
      procedure_choice_(procedure_mix(params)),
      arrivals_(sim.stream(StreamKey{"arrivals.interarrival", day})),
      class_(sim.stream(StreamKey{"arrivals.priority_class", day})),
      service_(sim.stream(StreamKey{"citizen.service_need", day})),
      patience_(sim.stream(StreamKey{"citizen.patience", day})),
      procedure_(sim.stream(StreamKey{"citizen.procedure", day})),
      channel_(sim.stream(StreamKey{"citizen.channel", day})),
      form_(sim.stream(StreamKey{"citizen.dossier", day})),
      reception_(sim.stream(StreamKey{"citizen.reception", day})),
      return_(sim.stream(StreamKey{"citizen.return", day})),
      manual_ticket_(sim.stream(StreamKey{"citizen.manual_ticket", day})),
      back_office_(sim.stream(StreamKey{"citizen.back_office", day})),
      paper_(sim.stream(StreamKey{"citizen.paper_entry", day})) {}

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
  c.online = channel_.uniform01() < params_.demand.online_share;
  c.form_time = p.form.sample(form_);
  c.incomplete = form_.uniform01() < p.incomplete_share;
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
}

}  // namespace sim::model
