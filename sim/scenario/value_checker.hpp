// The value checks' one tool: a failing value becomes a Problem at the file and line it came
// from (through the source map), naming the transforms that changed it.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/scenario/input_error.hpp"
#include "sim/scenario/scenario.hpp"

namespace sim::scenario {

/// The largest coefficient of variation a distribution may have: beyond it almost all of the
/// mean sits in rare, enormous draws.
inline constexpr double max_cv = 10.0;

/// `v` as problems print it (six significant digits).
std::string shown_number(double v);

/// Appends problems about one scenario; the place of a value comes from the source map.
class ValueChecker {
 public:
  ValueChecker(const Scenario& s, std::vector<Problem>& out) : s_(s), out_(out) {}

  const Scenario& scenario() const { return s_; }

  /// A problem at `key`, saying which transforms may have changed the value when `via` lists
  /// some that were applied.
  void fail(const std::string& key, const std::string& message,
            std::initializer_list<const char*> via = {});

  /// `v` in [lo, hi]; NaN and infinities never are.
  bool range(const std::string& key, double v, double lo, double hi,
             std::initializer_list<const char*> via = {}) {
    if (v >= lo && v <= hi) return true;
    fail(key,
         "must be between " + shown_number(lo) + " and " + shown_number(hi) + ", got " +
             shown_number(v),
         via);
    return false;
  }

  /// A duration distribution: a mean of at most `max_mean` minutes (at least `min_mean`), a
  /// coefficient of variation of at most max_cv, and bounded draws below `max_mean` x 3.
  void duration(const std::string& key, const engine::Distribution& d, double min_mean,
                double max_mean, std::initializer_list<const char*> via = {});

 private:
  /// The nearest key with a known origin: "staff[7].skills.land", else "staff[7].skills",
  /// else "staff[7]"; an element no file wrote (a seconded officer) is placed at the table of
  /// the policy that made it, and only failing that at its array ("staff").
  Problem place(const std::string& key, const std::string& message,
                std::initializer_list<const char*> via) const;

  const Scenario& s_;
  std::vector<Problem>& out_;
};

}  // namespace sim::scenario
