// Seconded back-office officers (biệt phái) of a national run: each province's pool, sent where
// a planner expects the back office to be shortest of hands.
#include "sim/scenario/national_secondment.hpp"

#include <cmath>
#include <limits>
#include <queue>
#include <tuple>

#include "sim/scenario/national_scenario.hpp"

namespace sim::scenario {
namespace {

double open_minutes(const std::vector<model::Session>& sessions) {
  double total = 0.0;
  for (const auto& s : sessions) total += s.close_min - s.open_min;
  return total;
}

/// Expected minutes per visit of a procedure attribute, over the walk-in mix (by share) or the
/// online mix (by online weight); 0 when the mix is empty.
template <class Minutes, class Weight>
double mix_mean(const model::CenterParams& c, Minutes minutes, Weight weight) {
  double sum = 0.0, weights = 0.0;
  for (const auto& p : c.procedures) {
    sum += weight(p) * minutes(p);
    weights += weight(p);
  }
  return weights > 0.0 ? sum / weights : 0.0;
}

}  // namespace

double BackOfficePlan::load(std::uint32_t extra) const {
  const double staff = staff_min + extra * worker_min;
  return staff > 0.0 ? work_min / staff : std::numeric_limits<double>::infinity();
}

BackOfficePlan plan_back_office(const model::CenterParams& c) {
  BackOfficePlan plan;
  const auto& b = c.back_office;
  const double monday = c.calendar ? open_minutes(c.calendar->sessions[0]) : 0.0;
  const double visits = c.demand.daily_visits;
  const double online = c.demand.online_share;
  const auto share = [](const model::ProcedureParams& p) { return p.share; };
  const auto work = [](const model::ProcedureParams& p) {
    return p.dossier ? p.back_office.mean() : 0.0;
  };
  const auto service = [](const model::ProcedureParams& p) { return p.service.mean(); };
  const double walk_in_work = mix_mean(c, work, share);
  const double online_work = mix_mean(
      c, [](const model::ProcedureParams& p) { return p.back_office.mean(); },
      [](const model::ProcedureParams& p) { return p.online_weight; });
  plan.work_min = visits * ((1.0 - online) * walk_in_work + online * online_work) * b.time_factor;
  plan.worker_min = b.hours.empty() ? monday : open_minutes(b.hours);
  plan.staff_min = (b.workers + b.seconded) * plan.worker_min;
  if (b.counter_staff) {
    const double serving = visits * (1.0 - online) * mix_mean(c, service, share);
    plan.staff_min += std::max(0.0, static_cast<double>(c.counters.size()) * monday - serving);
  }
  return plan;
}

void allocate_secondment(NationalScenario& n) {
  if (n.secondment_per_unit <= 0.0) return;
  std::map<std::size_t, std::vector<std::size_t>> by_province;  // centers, in dataset order
  for (std::size_t i = 0; i < n.centers.size(); ++i)
    by_province[n.centers[i].province].push_back(i);
  for (const auto& [province, centers] : by_province) {
    std::vector<BackOfficePlan> plans;
    for (auto i : centers) plans.push_back(plan_back_office(center_scenario(n, i).center));
    // Highest expected load first; among equal loads the first center.
    using Entry = std::tuple<double, std::size_t>;
    const auto lower = [](const Entry& a, const Entry& b) {
      return std::get<0>(a) != std::get<0>(b) ? std::get<0>(a) < std::get<0>(b)
                                              : std::get<1>(a) > std::get<1>(b);
    };
    std::priority_queue<Entry, std::vector<Entry>, decltype(lower)> next(lower);
    for (std::size_t k = 0; k < centers.size(); ++k) next.emplace(plans[k].load(0), k);
    auto pool = static_cast<std::uint32_t>(std::lround(n.secondment_per_unit * centers.size()));
    for (; pool > 0; --pool) {
      const auto k = std::get<1>(next.top());
      next.pop();
      auto& seconded = n.centers[centers[k]].seconded_workers;
      ++seconded;
      next.emplace(plans[k].load(seconded), k);
    }
  }
}

}  // namespace sim::scenario
