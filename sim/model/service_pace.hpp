// What the software systems a counter service needs do to it now: run, slow, paper, stop, end.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/model/center_observer.hpp"
#include "sim/model/citizen.hpp"
#include "sim/model/system_board.hpp"
#include "sim/model/system_params.hpp"

namespace sim::model {

/// The pace of a service at the counter given the state of the systems it needs.
struct ServicePace {
  enum class Action : std::uint8_t {
    run,        ///< the service goes on at `factor` clock minutes per nominal minute
    suspend,    ///< the service stops until a repair (outage policy wait)
    send_home,  ///< the citizen is sent home (outage policy send_home); no effect here: the
                ///< counter publishes sent_home, as when a suspended service ends at closing
  };
  Action action = Action::run;
  double factor = 1.0;
  /// How the systems touch the visit (degraded or paper while it runs, suspended), and which
  /// system does it; none when every needed system is up.
  std::optional<SystemEffect> effect;
  std::uint32_t system = no_index;
};

/// The pace for a service needing the systems in `needs` (a bit mask over `systems`). When
/// several needed systems are down the most disruptive outage policy applies (paper < wait <
/// send home; the lowest-numbered system among equals); on paper the service runs at the
/// system's paper_factor. Otherwise it runs at the largest degraded factor (at least 1), and
/// the effect names the first system that slows it.
ServicePace service_pace(std::uint64_t needs, const SystemBoard& board,
                         const std::vector<SystemParams>& systems);

}  // namespace sim::model
