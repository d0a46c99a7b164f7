// The [policies] of a scenario as its files wrote them, before the transforms apply them.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/model/center_params.hpp"

namespace sim::scenario {

/// [policies.robot]: the robot's parameters and, optionally, its breakdowns.
struct RobotPolicy {
  model::RobotParams robot;
  std::optional<engine::Distribution> time_to_failure, repair_time;
};

/// [policies.saturday] (Friendly Saturday).
struct SaturdayPolicy {
  std::vector<model::Session> sessions;
  int ticket_stop_min = -1;  ///< -1: none
  std::vector<bool> domains;
  double shift_share = 0.0;
  double induced_share = 0.0;
};

/// [policies.secondment] and [policies.extra_counters]: new counters with one officer each.
/// A secondment also sends specialists who work elsewhere than at a counter (seed 004): back-office
/// officers join the dedicated back-office workers, IT officers repair the software faster, and
/// accountants work in the commune's finance office (counted, no effect on the center).
struct CountersPolicy {
  std::int64_t count = 0;
  std::vector<bool> domains;
  double speed = 1.0;
  double absence_prob = 0.0;
  std::optional<model::Date> from, until;
  std::int64_t back_office = 0;   ///< secondment only: back-office officers
  std::int64_t it = 0;            ///< secondment only: IT officers
  double it_repair_factor = 1.0;  ///< repair-time multiplier each IT officer brings
  std::int64_t accountants = 0;   ///< secondment only: not at the center
};

/// [policies.volunteers]: youth volunteers in the hall help citizens fill forms and use the
/// ticket kiosk (seed 004; B14: 1-4 volunteers at a center), one citizen at a time; the factors
/// apply to a helped citizen (model::VolunteerParams).
struct VolunteersPolicy {
  std::int64_t count = 0;          ///< volunteers on duty
  std::optional<int> from_min;     ///< "HH:MM" they start (absent: the opening hours)
  std::optional<int> until_min;    ///< "HH:MM" they stop (absent: the opening hours)
  double form_factor = 1.0;        ///< multiplier on a helped citizen's form-filling time
  double wrong_pick_factor = 1.0;  ///< multiplier on a helped citizen's wrong-pick share
  double incomplete_factor = 1.0;  ///< multiplier on a helped citizen's incomplete share
};

/// [policies.extended_hours].
struct ExtendedHoursPolicy {
  std::array<bool, 7> weekdays{};
  int close_min = 0;
  std::optional<int> ticket_stop_min;
  double evening_weight = 0.5;
};

struct DigitalTrainingPolicy {
  double speed_factor = 1.0;
  double error_factor = 1.0;
};

struct OnlineShiftPolicy {
  double share = 0.0;
};

struct OnlineQaPolicy {
  std::vector<bool> domains;
  double visit_factor = 1.0;
  double incomplete_factor = 1.0;
};

struct ItSupportPolicy {
  double repair_factor = 1.0;
};

/// Every policy the scenario (with its overlays) sets; absent ones are not applied.
struct PolicySet {
  std::optional<RobotPolicy> robot;
  std::optional<model::NoWritingParams> no_writing_day;
  std::optional<SaturdayPolicy> saturday;
  std::optional<CountersPolicy> secondment;
  std::optional<CountersPolicy> extra_counters;
  std::optional<ExtendedHoursPolicy> extended_hours;
  std::optional<DigitalTrainingPolicy> digital_training;
  std::optional<OnlineShiftPolicy> online_shift;
  std::optional<OnlineQaPolicy> online_qa;
  std::optional<ItSupportPolicy> it_support;
  std::optional<VolunteersPolicy> volunteers;
};

}  // namespace sim::scenario
