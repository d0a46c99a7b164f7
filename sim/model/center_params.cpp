// Helpers over CenterParams: which domains a day serves, and the station form.
#include "sim/model/center_params.hpp"

namespace sim::model {

bool serves_domain_on(const CenterParams& params, const DayPlan& day, std::uint32_t domain) {
  return !params.saturday || day.weekday != 5 || params.saturday->domains[domain];
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
