// Helpers over CenterParams: which domains a day serves, the online channels, the station form.
#include "sim/model/center_params.hpp"

#include <algorithm>

namespace sim::model {

bool serves_domain_on(const CenterParams& params, const DayPlan& day, std::uint32_t domain) {
  return !params.saturday || day.schedule != 5 || params.saturday->domains[domain];
}

double online_eligible_share(const CenterParams& params) {
  double eligible = 0.0;
  for (const auto& p : params.procedures) eligible += online_allowed(p) ? p.share : 0.0;
  return eligible;
}

double online_chance(const CenterParams& params, const ProcedureParams& p) {
  const double eligible = online_eligible_share(params);
  if (!online_allowed(p) || eligible <= 0.0) return 0.0;
  return std::min(1.0, params.demand.online_share / eligible);
}

std::optional<std::uint32_t> pickup_procedure(const CenterParams& params) {
  for (std::uint32_t i = 0; i < params.procedures.size(); ++i) {
    if (params.procedures[i].result_pickup) return i;
  }
  return std::nullopt;
}

CenterParams station_params(std::uint32_t counters, engine::Distribution interarrival,
                            engine::Distribution service,
                            std::optional<engine::Distribution> patience, double priority_share,
                            engine::SimTime arrivals_end) {
  CenterParams p;
  p.procedures.front().service = std::move(service);
  p.counters.clear();
  p.staff.clear();
  for (std::uint32_t k = 0; k < counters; ++k) {
    p.counters.push_back(CounterParams{std::to_string(k + 1), {0}, {}, {}});
    StaffParams s;
    s.name = "staff " + std::to_string(k + 1);
    s.counter = k;
    s.speed = {1.0};
    p.staff.push_back(std::move(s));
  }
  p.interarrival = std::move(interarrival);
  p.patience = std::move(patience);
  p.priority_share = priority_share;
  p.arrivals_end = arrivals_end;
  return p;
}

}  // namespace sim::model
