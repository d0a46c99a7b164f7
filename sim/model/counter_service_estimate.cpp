// The ticket machine's expected finish: counter-time moments by domain, priority work expected
// to arrive, and the minutes until a ticket taken now is called and served (docs/model.md).
#include <algorithm>
#include <limits>

#include "sim/model/counter_service.hpp"

namespace sim::model {

void CounterService::counter_time_moments() {
  // What a ticket machine learns from its own history of calls: by domain, the share-weighted
  // mean and second moment of the counter time per ticket called (the need, the fix of an
  // incomplete dossier fixed on the spot, a no-show's call); unweighted if no share is set.
  const std::size_t n = params_.domains.size();
  std::vector<double> weight(n), m1(n), m2(n), walk_in(n);
  double total = 0.0;
  const double ns = params_.behaviour.no_show_share, ns_min = params_.behaviour.no_show_min;
  for (const auto& p : params_.procedures) {
    const double w = p.share > 0.0 ? p.share : 1e-12;             // unweighted when no share is set
    const double fix = p.incomplete_share * p.fix_on_spot_share;  // chance of a fix on the spot
    const double e1 = p.service.mean() + fix * p.fix_on_spot.mean();
    const double e2 =
        p.service.second_moment() +
        fix * (2.0 * p.service.mean() * p.fix_on_spot.mean() + p.fix_on_spot.second_moment());
    weight[p.domain] += w;
    walk_in[p.domain] += w * (1.0 - online_chance(params_, p));  // the online ones never enter
    total += w;
    m1[p.domain] += w * ((1.0 - ns) * e1 + ns * ns_min);
    m2[p.domain] += w * ((1.0 - ns) * e2 + ns * ns_min * ns_min);
  }
  for (std::size_t d = 0; d < n; ++d) {
    const double mean = weight[d] > 0.0 ? m1[d] / weight[d] : 0.0;
    domain_service_mean_.push_back(mean);
    // The mean remaining counter time of a service seen in progress at a random moment.
    domain_residual_.push_back(mean > 0.0 ? m2[d] / weight[d] / (2.0 * mean) : 0.0);
    // Priority tickets of domain d per would-be walk-in (the arrival profile counts those who
    // file online too), at the domain's mean counter time.
    domain_priority_work_.push_back(total > 0.0 ? params_.priority_share * walk_in[d] / total * mean
                                                : 0.0);
  }
}

double CounterService::minutes_to_serve(std::uint32_t queue, PriorityClass cls) const {
  return minutes_of_work(queue, cls, true);
}

double CounterService::priority_work_rate(const std::vector<bool>& shared, double& window) const {
  // What the machine knows from history: the day's walk-in intensity at this time of day and
  // the catalogue's mix, never the arrivals drawn for the rest of the day.
  const double now = sim_.now();
  double rate = 0.0;
  if (days_.calendar()) {
    rate = profile_.rate_at(now);
    window = std::max(0.0, profile_.end() - now);
  } else {
    const bool open = now < params_.arrivals_end;
    rate = open ? 1.0 / params_.interarrival.mean() : 0.0;
    window = open ? params_.arrivals_end - now : 0.0;
  }
  double work = 0.0;
  for (std::uint32_t d = 0; d < shared.size(); ++d)
    if (shared[d]) work += domain_priority_work_[d];
  return rate * work;
}

std::uint32_t CounterService::staff_now(std::uint32_t k) const {
  // In a session or in overtime: who sits at the counter now (absent officers never sat down;
  // a counter closed for the day has nobody). Over a break: who sat there in the last session.
  return days_.in_session() || days_.closed_for_day() ? hall_.counter(k).staff : session_staff_[k];
}

double CounterService::minutes_of_work(std::uint32_t queue, PriorityClass cls,
                                       bool own_service) const {
  // The staffed counters calling `queue` as an own domain (else as overflow), the domains
  // they call, and all the staffed counters that call any of those: they share the work.
  const auto calls = [&](std::uint32_t k, std::uint32_t d, bool overflow) {
    const auto& list = overflow ? params_.counters[k].overflow : hall_.own_now(k);
    return staff_now(k) != no_index && std::find(list.begin(), list.end(), d) != list.end();
  };
  std::vector<bool>& shared = shared_;  // reused: called for every ticket under some policies
  shared.assign(queues_.size(), false);
  bool overflow = false;
  // `overflow` must stay false when own counters were found: the loop's increment runs before
  // its condition, so setting it there counted every overflow counter's full speed as help.
  for (int pass = 0; pass < 2 && !shared[queue]; ++pass) {
    overflow = pass == 1;
    for (std::uint32_t k = 0; k < hall_.size(); ++k) {
      if (!calls(k, queue, overflow)) continue;
      shared[queue] = true;
      for (auto d : hall_.own_now(k)) shared[d] = true;
    }
  }
  double ahead = 0.0, speed = 0.0, in_hand = 0.0;
  std::uint32_t helpers = 0, busy = 0;
  const bool priority = cls == PriorityClass::priority;  // regular tickets are called after it
  for (std::uint32_t d = 0; d < queues_.size(); ++d) {
    if (!shared[d]) continue;
    ahead += (priority ? queues_[d].size(cls) : queues_[d].size()) * domain_service_mean_[d];
  }
  for (std::uint32_t k = 0; k < hall_.size(); ++k) {
    const auto& own = hall_.own_now(k);
    const bool helps = calls(k, queue, overflow) ||
                       std::any_of(own.begin(), own.end(), [&](auto d) { return shared[d]; });
    const std::uint32_t staff = staff_now(k);
    if (!helps || staff == no_index) continue;
    const auto& speeds = params_.staff[staff].speed;
    speed += queue < speeds.size() ? speeds[queue] : 0.0;
    ++helpers;
    const CitizenIndex serving = hall_.counter(k).serving;
    if (serving == no_citizen) continue;
    ++busy;  // the ticket's domain is what the machine knows, not the citizen's need
    in_hand += domain_residual_[pool_[serving].queue];
  }
  if (!shared[queue] || speed <= 0.0) return std::numeric_limits<double>::infinity();
  // The queue moves one ticket each time a counter frees: the first step comes after the mean
  // remaining work of the services in progress shared over the counters (none while one of
  // them is free), then one step per ticket's mean work over the counters' summed speed.
  const double first = busy == helpers ? in_hand / busy : 0.0;
  const double work = ahead + first;
  // A regular ticket is also passed by the priority tickets taken while it waits (called
  // first, non-preemptive): priority work arrives at a per minute while the counters clear
  // `speed`, so in the fluid approximation the work ahead drains at speed - a until the
  // day's arrivals end `window` minutes from now, and at speed after that.
  double window = 0.0;
  const double a = priority ? 0.0 : priority_work_rate(shared, window);
  double call = work / speed;
  if (a > 0.0 && window > 0.0)
    call = a < speed && work / (speed - a) <= window ? work / (speed - a)
                                                     : (work + a * window) / speed;
  // The ticket's own service runs at one counter: its mean need over the mean speed.
  return own_service ? call + domain_service_mean_[queue] * helpers / speed : call;
}

}  // namespace sim::model
