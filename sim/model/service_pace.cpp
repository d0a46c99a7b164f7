// What the software systems a counter service needs do to it now: run, slow, paper, stop, end.
#include "sim/model/service_pace.hpp"

#include <bit>

namespace sim::model {
namespace {

/// How disruptive an outage policy is for the citizen.
int severity(OutagePolicy p) {
  switch (p) {
    case OutagePolicy::paper:
      return 0;
    case OutagePolicy::wait:
      return 1;
    case OutagePolicy::send_home:
      return 2;
  }
  return 2;
}

}  // namespace

ServicePace service_pace(std::uint64_t needs, const SystemBoard& board,
                         const std::vector<SystemParams>& systems) {
  ServicePace pace;
  const std::uint64_t down = needs & board.down_mask();
  if (down != 0) {
    auto worst = static_cast<std::uint32_t>(std::countr_zero(down));
    for (std::uint64_t m = down; m != 0; m &= m - 1) {
      const auto s = static_cast<std::uint32_t>(std::countr_zero(m));
      if (severity(systems[s].on_down) > severity(systems[worst].on_down)) worst = s;
    }
    switch (systems[worst].on_down) {
      case OutagePolicy::send_home:
        pace.action = ServicePace::Action::send_home;
        return pace;
      case OutagePolicy::wait:
        pace.action = ServicePace::Action::suspend;
        pace.effect = SystemEffect::suspended;
        break;
      case OutagePolicy::paper:
        pace.effect = SystemEffect::paper;
        pace.factor = systems[worst].paper_factor;
        break;
    }
    pace.system = worst;
    return pace;
  }
  for (std::uint64_t m = needs; m != 0; m &= m - 1) {
    const auto s = static_cast<std::uint32_t>(std::countr_zero(m));
    if (board.factor(s) <= pace.factor) continue;
    if (!pace.effect) {
      pace.effect = SystemEffect::degraded;
      pace.system = s;
    }
    pace.factor = board.factor(s);
  }
  return pace;
}

}  // namespace sim::model
