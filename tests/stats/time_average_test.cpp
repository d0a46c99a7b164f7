// Unit tests of TimeAverage: the time-weighted mean of a step function over a window.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/stats/time_average.hpp"

using sim::stats::TimeAverage;

TEST_CASE("time average over a window drops warm-up and ignores changes after the window",
          "[stats]") {
  // Window [10, 50]. The value is 2 from t=0 and 4 from t=5 (both before the window, so 4 is
  // the value at the window start), then 1 at 20, 6 at 30, 0 at 45, and 9 at 60 (after the
  // window's end). Area inside the window:
  //   [10, 20): 4 * 10 = 40
  //   [20, 30): 1 * 10 = 10
  //   [30, 45): 6 * 15 = 90
  //   [45, 50]: 0 *  5 =  0
  // total 140 over a width of 40: mean 3.5.
  TimeAverage avg(10.0, 50.0);
  avg.set(0.0, 2.0);
  avg.set(5.0, 4.0);
  avg.set(20.0, 1.0);
  avg.set(30.0, 6.0);
  avg.set(45.0, 0.0);
  avg.set(60.0, 9.0);
  CHECK(avg.mean() == Approx(3.5).epsilon(1e-14));
  CHECK(avg.current() == 9.0);
  CHECK(avg.mean() == Approx(3.5).epsilon(1e-14));  // asking twice does not add area
}

TEST_CASE("time average holds the last value up to the window end", "[stats]") {
  // Window [100, 200]; value 3 from t=100 exactly, 5 from t=150, no later change:
  // (3 * 50 + 5 * 50) / 100 = 4.
  TimeAverage avg(100.0, 200.0);
  avg.set(100.0, 3.0);
  avg.set(150.0, 5.0);
  CHECK(avg.mean() == Approx(4.0).epsilon(1e-14));
}

TEST_CASE("time average with one change straddling the window start counts only the part inside",
          "[stats]") {
  // Window [60, 120]. Value 10 during warm-up from t=0, 2 from t=90:
  // (10 * 30 + 2 * 30) / 60 = 6. The 60 minutes of 10 during warm-up do not count.
  TimeAverage avg(60.0, 120.0);
  avg.set(0.0, 10.0);
  avg.set(90.0, 2.0);
  CHECK(avg.mean() == Approx(6.0).epsilon(1e-14));
}

TEST_CASE("time average of a value never set is zero and of an empty window is NaN", "[stats]") {
  TimeAverage zero(0.0, 10.0);
  CHECK(zero.mean() == 0.0);
  CHECK(zero.current() == 0.0);

  TimeAverage empty(5.0, 5.0);
  empty.set(1.0, 3.0);
  CHECK(std::isnan(empty.mean()));
}

TEST_CASE("time average of a queue length trajectory matches its integral", "[stats]") {
  // A queue with arrivals at 1, 2, 2.5, 4 and departures at 3, 5, 6, 8 (length changes by +1
  // and -1), observed over [2, 7]. Queue length: 0 on [0,1), 1 on [1,2), 2 on [2,2.5),
  // 3 on [2.5,3), 2 on [3,4), 3 on [4,5), 2 on [5,6), 1 on [6,8).
  // Inside [2, 7]: 2*0.5 + 3*0.5 + 2*1 + 3*1 + 2*1 + 1*1 = 10.5, width 5: mean 2.1.
  TimeAverage avg(2.0, 7.0);
  const double times[] = {1, 2, 2.5, 3, 4, 5, 6, 8};
  const int delta[] = {+1, +1, +1, -1, +1, -1, -1, -1};
  int q = 0;
  for (int i = 0; i < 8; ++i) {
    q += delta[i];
    avg.set(times[i], q);
  }
  CHECK(q == 0);
  CHECK(avg.mean() == Approx(2.1).epsilon(1e-14));
}
