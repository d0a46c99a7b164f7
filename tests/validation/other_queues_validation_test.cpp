// Validation against Erlang A (abandonment), Pollaczek–Khinchine (M/G/1) and Cobham (priority).
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "tests/support/queueing_formulas.hpp"
#include "tests/support/scenario_runs.hpp"
#include "tests/support/tolerance.hpp"

using namespace test_support;

// Tolerances as in mmc_validation_test.cpp: |estimate - theory| <= z_tolerance SE, with
// SE = sd/sqrt(R) over R = 30 independent replications (tests/support/tolerance.hpp), and
// the SE itself must be below 3 % of the theoretical value so the check is sharp.

TEST_CASE("M/M/3+M abandonment probability and mean wait match Erlang A", "[validation]") {
  // Scenario: c = 3, lambda = 3.3/min, mu = 1/min, patience exponential mean 2 min (theta 0.5).
  const auto theory = erlang_a(3, 3.3, 1.0, 0.5);
  const auto rows = run_repo_scenario("scenarios/validation/mmc_abandonment.toml");
  check_against(across(rows, "abandon_prob"), theory.prob_abandon, "P(abandon)");
  check_against(across(rows, "queue_time_mean"), theory.mean_queue_time,
                "mean time in queue, all arrivals");
  check_against(across(rows, "prob_wait"), theory.prob_wait, "P(wait)");
  check_against(across(rows, "queue_length_mean"), theory.mean_queue_length, "mean queue length");
}

TEST_CASE("M/G/1 with lognormal service matches the Pollaczek-Khinchine mean wait",
          "[validation]") {
  // Scenario: lambda = 0.7/min, lognormal service with mean 1 and sd 1.5 → E[S^2] = 1 + 2.25.
  const double theory = pk_mean_wait(0.7, 1.0, 1.0 + 1.5 * 1.5);
  const auto rows = run_repo_scenario("scenarios/validation/mg1_lognormal.toml");
  check_against(across(rows, "wait_mean"), theory, "mean wait");
  check_against(across(rows, "prob_wait"), 0.7, "P(wait) = rho");
}

TEST_CASE("priority M/M/1 per-class mean waits match Cobham's formula", "[validation]") {
  // Scenario: lambda = 0.8/min, 30 % priority, exponential service mean 1 (E[S^2] = 2).
  const std::vector<double> lambdas{0.8 * 0.3, 0.8 * 0.7}, means{1.0, 1.0}, second{2.0, 2.0};
  const auto rows = run_repo_scenario("scenarios/validation/priority_mm1.toml");
  check_against(across(rows, "wait_mean_priority"), cobham_mean_wait(lambdas, means, second, 0),
                "priority class mean wait");
  check_against(across(rows, "wait_mean_regular"), cobham_mean_wait(lambdas, means, second, 1),
                "regular class mean wait");
  // Work conservation: the overall mean wait equals the M/M/1 FIFO value rho/(mu - lambda).
  check_against(across(rows, "wait_mean"), 0.8 / 0.2, "overall mean wait (conservation law)");
}
