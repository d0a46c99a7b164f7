// Time-weighted average of a piecewise-constant quantity over an observation window.
#pragma once

#include <algorithm>
#include <cmath>

namespace sim::stats {

/// Integrates a step function (queue length, busy counters) over [window_start, window_end]:
/// call set(t, v) whenever the value changes, then mean(). Changes before the window set
/// the starting value; time outside the window is ignored, which is how warm-up is dropped.
class TimeAverage {
 public:
  TimeAverage(double window_start, double window_end)
      : start_(window_start), end_(window_end), last_t_(window_start) {}

  void set(double t, double value) {
    accumulate_to(t);
    value_ = value;
  }
  /// Mean of the value over the window (closes the window at window_end).
  double mean() {
    accumulate_to(end_);
    const double width = end_ - start_;
    return width > 0 ? area_ / width : std::nan("");
  }
  double current() const { return value_; }

 private:
  void accumulate_to(double t) {
    const double to = std::min(t, end_);
    if (to > last_t_) {
      area_ += value_ * (to - last_t_);
      last_t_ = to;
    }
  }

  double start_, end_;
  double last_t_;
  double value_ = 0.0;
  double area_ = 0.0;
};

}  // namespace sim::stats
