// Validation of the station model against M/M/1, M/M/c (Erlang C) and Little's law.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "tests/support/queueing_formulas.hpp"
#include "tests/support/scenario_runs.hpp"
#include "tests/support/tolerance.hpp"

using namespace test_support;

// How the tolerances are set: each scenario runs R = 30 independent replications; the
// replication means of a metric are i.i.d., so their average has standard error
// SE = sd / sqrt(R), estimated from the same replications. We accept |estimate - theory|
// <= z_tolerance SE (4.5, see tests/support/tolerance.hpp for the family-wise reasoning).
// Warm-up (5,000 min, over ten relaxation times even at load 0.9) keeps the start-empty
// bias far below one SE. Each check also asserts SE < 3 % of the theoretical value, so a
// pass is a sharp statement, not a wide interval.
namespace {

struct Case {
  const char* file;
  int counters;
  double load;
};
}  // namespace

TEST_CASE(
    "M/M/1 and M/M/4 mean wait and probability of waiting match Erlang C at loads 0.5, 0.8, 0.9",
    "[validation]") {
  const auto c = GENERATE(Case{"scenarios/validation/mm1_load0.5.toml", 1, 0.5},
                          Case{"scenarios/validation/mm1_load0.8.toml", 1, 0.8},
                          Case{"scenarios/validation/mm1_load0.9.toml", 1, 0.9},
                          Case{"scenarios/validation/mmc_load0.5.toml", 4, 0.5},
                          Case{"scenarios/validation/mmc_load0.8.toml", 4, 0.8},
                          Case{"scenarios/validation/mmc_load0.9.toml", 4, 0.9});
  INFO(c.file);
  const double lambda = c.counters * c.load, mu = 1.0;
  const auto rows = run_repo_scenario(c.file);
  check_against(across(rows, "wait_mean"), mmc_mean_wait(c.counters, lambda, mu), "mean wait");
  check_against(across(rows, "prob_wait"), erlang_c(c.counters, lambda / mu), "P(wait)");
  check_against(across(rows, "utilization"), c.load, "utilization");
  // The 90th percentile comes from the histogram (bin width 1.16 % of the value), so a bias of
  // up to one bin adds to the 4 SE allowance.
  const auto p90 = across(rows, "wait_p90");
  const double p90_theory = mmc_wait_quantile(c.counters, lambda, mu, 0.9);
  if (p90_theory > 0) {
    INFO("p90: simulated " << p90.mean << " ± " << p90.std_error << ", theory " << p90_theory);
    CHECK(std::abs(p90.mean - p90_theory) <= z_tolerance * p90.std_error + 0.0116 * p90_theory);
  }
}

TEST_CASE(
    "Little's law holds for the ticket queue: time-average queue equals rate times mean queue time",
    "[validation]") {
  const auto file =
      GENERATE("scenarios/validation/mmc_load0.8.toml", "scenarios/validation/mmc_abandonment.toml",
               "scenarios/validation/priority_mm1.toml");
  INFO(file);
  const auto rows = run_repo_scenario(file);
  // Per replication, L - lambda_hat * W is the difference of two estimates of the same
  // quantity over the same window; citizens straddling the window's ends add boundary terms
  // whose expectations cancel in steady state. The replication differences are i.i.d., so the
  // same z_tolerance SE rule applies to their mean, and it must be close to zero.
  const auto l = column(rows, "queue_length_mean");
  const auto rate = column(rows, "arrival_rate");
  const auto w = column(rows, "queue_time_mean");
  std::vector<double> difference;
  for (std::size_t r = 0; r < rows.size(); ++r) difference.push_back(l[r] - rate[r] * w[r]);
  const auto ci = sim::stats::confidence_interval(difference);
  const auto mean_l = sim::stats::confidence_interval(l).mean;
  INFO("L - lambda W = " << ci.mean << " ± " << ci.std_error << " (SE); L = " << mean_l);
  CHECK(std::abs(ci.mean) <= z_tolerance * ci.std_error);
  CHECK(ci.std_error < 0.01 * mean_l);
}
