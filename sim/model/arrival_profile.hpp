// The arrival intensity of one calendar day, and exact sampling of its Poisson arrivals.
#pragma once

#include <array>
#include <vector>

#include "sim/model/center_params.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// Piecewise-constant arrival rate over one day: the hourly profile restricted to the open
/// sessions before ticket issuing stops, scaled so the day's expected visits equal
/// daily_visits x weekday factor (x surge factor on a surge day). Arrivals are sampled by
/// inverting the cumulative intensity, which is exact for a non-homogeneous Poisson process
/// and wastes no random numbers (unlike thinning).
class ArrivalProfile {
 public:
  ArrivalProfile() = default;
  ArrivalProfile(const DemandParams& demand, const DayPlan& day, std::uint32_t day_index);
  /// A profile over the whole day, 00:00 to 24:00, whatever the opening hours: the online
  /// channel's. `expected` arrivals spread by the hourly weights.
  static ArrivalProfile around_the_clock(const std::array<double, 24>& hourly, double expected,
                                         std::uint32_t day_index);

  /// Expected number of visits in the day.
  double expected() const { return expected_; }
  /// The first arrival after time t given a unit-rate exponential e; a negative value when
  /// the day's arrivals are over.
  double next(double t, double e) const;
  /// The arrival rate at time t (citizens per minute): 0 outside the open intensity.
  double rate_at(double t) const;
  /// When the day's arrivals end (the last piece's end); -infinity on a day without arrivals.
  double end() const;
  /// Time of a uniformly placed moment within the day's open intensity (u in [0, 1)),
  /// weighted by the profile: used to place a returning citizen's visit.
  double at_fraction(double u) const;

 private:
  struct Piece {
    double start, end, rate;  ///< absolute minutes, citizens per minute
  };
  /// Scales the pieces' relative weights so the day's integral is expected_.
  void normalise(double weight);

  std::vector<Piece> pieces_;
  double expected_ = 0.0;
};

}  // namespace sim::model
