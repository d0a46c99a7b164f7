// The part of a run that every statistic describes: warm-up is simulated but never counted.
#pragma once

#include <cstdint>
#include <limits>

#include "sim/model/citizen.hpp"

namespace sim::stats {

/// Every collector gets the same window from the model builder, so warm-up is decided in one
/// place: a citizen is followed when their first visit falls in [start, end) (their return
/// visits stay theirs), time integrals cover [start, end), and the calendar form reports the
/// days from first_day on (day rows keep the run's day numbers, so /calendar still dates them).
struct ObservationWindow {
  double start = 0.0;
  double end = std::numeric_limits<double>::infinity();
  std::uint32_t first_day = 0;  ///< calendar form: days before it are warm-up

  ObservationWindow() = default;
  /// A run without warm-up that ends at end (implicit: a collector given only a run end, as
  /// unit tests do, observes the whole run).
  ObservationWindow(double end_min) : end(end_min) {}  // NOLINT(google-explicit-constructor)
  ObservationWindow(double start_min, double end_min, std::uint32_t first_reported_day = 0)
      : start(start_min), end(end_min), first_day(first_reported_day) {}

  bool follows(const model::Citizen& c) const {
    return c.first_arrival >= start && c.first_arrival < end;
  }
  /// An instant inside the window (a dossier's receipt, an episode's start).
  bool covers(double t) const { return t >= start && t < end; }
  bool reports_day(std::uint32_t day) const { return day >= first_day; }
  /// The part of [from, to) inside the window, in minutes (0 when it lies outside).
  double overlap(double from, double to) const {
    const double a = from > start ? from : start;
    const double b = to < end ? to : end;
    return b > a ? b - a : 0.0;
  }
};

}  // namespace sim::stats
