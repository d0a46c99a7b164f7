// The arrival intensity of one calendar day, and exact sampling of its Poisson arrivals.
#include "sim/model/arrival_profile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sim::model {

ArrivalProfile::ArrivalProfile(const DemandParams& demand, const DayPlan& day,
                               std::uint32_t day_index) {
  if (!day.working) return;
  const double base = day_index * 1440.0;
  double weight = 0.0;  // integral of the hourly profile over open minutes
  for (const Session& s : day.sessions) {
    const int end = std::min(s.close_min, day.ticket_stop_min);
    for (int h = s.open_min / 60; h * 60 < end; ++h) {
      const double from = std::max(s.open_min, h * 60), to = std::min(end, h * 60 + 60);
      if (to <= from || demand.hourly_profile[h] <= 0.0) continue;
      pieces_.push_back(Piece{base + from, base + to, demand.hourly_profile[h]});
      weight += demand.hourly_profile[h] * (to - from);
    }
  }
  expected_ = demand.daily_visits * demand.weekday_factor[day.schedule] *
              (day.surge ? demand.surge_factor : 1.0);
  normalise(weight);
}

ArrivalProfile ArrivalProfile::around_the_clock(const std::array<double, 24>& hourly,
                                                double expected, std::uint32_t day_index) {
  ArrivalProfile profile;
  double weight = 0.0;
  for (int h = 0; h < 24; ++h) {
    if (hourly[h] <= 0.0) continue;
    profile.pieces_.push_back(
        Piece{day_index * 1440.0 + h * 60, day_index * 1440.0 + h * 60 + 60, hourly[h]});
    weight += hourly[h] * 60.0;
  }
  profile.expected_ = expected;
  profile.normalise(weight);
  return profile;
}

void ArrivalProfile::normalise(double weight) {
  if (weight <= 0.0) {
    pieces_.clear();
    expected_ = 0.0;
    return;
  }
  for (Piece& p : pieces_) p.rate *= expected_ / weight;
}

double ArrivalProfile::next(double t, double e) const {
  for (const Piece& p : pieces_) {
    if (p.end <= t) continue;
    const double from = std::max(t, p.start);
    const double mass = p.rate * (p.end - from);
    if (e < mass) return from + e / p.rate;
    e -= mass;
  }
  return -1.0;
}

double ArrivalProfile::rate_at(double t) const {
  for (const Piece& p : pieces_) {
    if (t < p.start) return 0.0;
    if (t < p.end) return p.rate;
  }
  return 0.0;
}

double ArrivalProfile::end() const {
  return pieces_.empty() ? -std::numeric_limits<double>::infinity() : pieces_.back().end;
}

double ArrivalProfile::at_fraction(double u) const {
  if (pieces_.empty()) return -1.0;
  double target = u * expected_;
  for (const Piece& p : pieces_) {
    const double mass = p.rate * (p.end - p.start);
    // Rounding can put the point on a piece's end; keep it strictly inside [start, end).
    if (target < mass) return std::min(p.start + target / p.rate, std::nextafter(p.end, p.start));
    target -= mass;
  }
  return std::nextafter(pieces_.back().end, pieces_.back().start);
}

}  // namespace sim::model
