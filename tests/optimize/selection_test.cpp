// The final stage's statistics: constants checked by hand against t tables, and the guarantee's
// error rates measured on many synthetic normal samples.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

#include "sim/optimize/selection.hpp"

using namespace sim::optimize;

TEST_CASE("Student-t quantiles match the printed tables", "[optimize]") {
  // Tables of t_{p, dof}: t_{0.975, 9} = 2.262, t_{0.995, 9} = 3.250, t_{0.95, 3} = 2.353.
  CHECK(t_quantile(0.025, 9) == Approx(2.2622).margin(5e-4));
  CHECK(t_quantile(0.005, 9) == Approx(3.2498).margin(5e-4));
  CHECK(t_quantile(0.05, 3) == Approx(2.3534).margin(5e-4));
}

TEST_CASE("the Bonferroni split gives each look of each check alpha over twice the checks",
          "[optimize]") {
  // alpha 0.05 over 5 final layouts x 1 constraint: 0.01 per check, 0.005 per look, so each
  // look uses t_{0.995, n0 - 1} = 3.250 with n0 = 10.
  CHECK(feasibility_tail(0.05, 5) == Approx(0.005));
  CHECK(t_quantile(feasibility_tail(0.05, 5), 9) == Approx(3.2498).margin(5e-4));
  CHECK(feasibility_tail(0.1, 1) == Approx(0.05));
}

TEST_CASE("Stein's second-stage size makes the half-width at most the tolerance", "[optimize]") {
  // (2.2622 x 0.05 / 0.01)^2 = 127.94 -> 128 replications.
  CHECK(stein_size(2.2622, 0.05, 0.01, 10) == 128);
  CHECK(stein_size(2.2622, 0.001, 0.01, 10) == 10);  // never below n0
  CHECK(stein_size(2.2622, 0.0, 0.01, 10) == 10);
}

TEST_CASE("the first look decides only when the interval clears the tolerance band", "[optimize]") {
  // sd 0.02, n 10, t 2.2622: half-width 2.2622 x 0.02 / sqrt(10) = 0.0143.
  const double t = 2.2622;
  CHECK(first_look(Sense::at_least, 0.9, 0.01, 0.95, 0.02, 10, t) == Decision::feasible);
  CHECK(first_look(Sense::at_least, 0.9, 0.01, 0.85, 0.02, 10, t) == Decision::infeasible);
  // 0.9 - 0.0143 = 0.8857 < 0.89 and 0.9 + 0.0143 = 0.9143 > 0.91: not yet.
  CHECK(first_look(Sense::at_least, 0.9, 0.01, 0.90, 0.02, 10, t) == Decision::undecided);
  CHECK(first_look(Sense::at_most, 0.1, 0.01, 0.05, 0.02, 10, t) == Decision::feasible);
  CHECK(first_look(Sense::at_most, 0.1, 0.01, 0.15, 0.02, 10, t) == Decision::infeasible);
  CHECK(second_look(Sense::at_least, 0.9, 0.9) == Decision::feasible);
  CHECK(second_look(Sense::at_most, 0.1, 0.1001) == Decision::infeasible);
}

TEST_CASE("the screen keeps the best and sizes the second stage from the paired variances",
          "[optimize]") {
  // System 1 is system 0 plus 0.5 in every replication (S_10 = 0); system 2 - system 0 =
  // [-1, 0, -1, 0] (mean -0.5, S = sqrt(1/3) = 0.5774), system 2 - system 1 has mean -1.0 and
  // the same S. alpha_screen 0.1 over 2 pairs: t_{0.95, 3} = 2.3534;
  // W = 2.3534 x 0.5774 / 2 + 0.2 = 0.8794 for the pairs with system 2, 0.2 for (0, 1).
  const std::vector<std::vector<double>> first = {{1, 2, 3, 4}, {1.5, 2.5, 3.5, 4.5}, {0, 2, 2, 4}};
  const auto s = screen(first, 0.2, 0.1, 0.1);
  CHECK(s.t_screen == Approx(2.3534).margin(5e-4));
  CHECK_FALSE(s.survived[0]);  // -0.5 < -0.2
  CHECK(s.survived[1]);
  CHECK_FALSE(s.survived[2]);  // against system 1: -1.0 < -0.8794 (against 0: -0.5 is not)
  // N = (2.3534 x 0.5774 / 0.2)^2 = 46.15 -> 47.
  CHECK(s.second_stage_size == 47);
}

namespace {

/// n draws of mean mu and sd 1 from a fixed generator.
std::vector<double> draws(std::mt19937_64& gen, double mu, std::size_t n) {
  std::normal_distribution<double> z(0.0, 1.0);
  std::vector<double> v(n);
  for (auto& x : v) x = mu + z(gen);
  return v;
}

/// The optimizer's feasibility check of one constraint (at_least q, tolerance eps) on data from
/// a normal population of mean mu: first look at n0, then Stein's size.
Decision check(std::mt19937_64& gen, double mu, double q, double eps, double alpha) {
  const std::size_t n0 = 10;
  const double t = t_quantile(feasibility_tail(alpha, 1), n0 - 1);
  auto v = draws(gen, mu, n0);
  const auto stats = [](const std::vector<double>& x, std::size_t n) {
    double m = 0, ss = 0;
    for (std::size_t i = 0; i < n; ++i) m += x[i];
    m /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) ss += (x[i] - m) * (x[i] - m);
    return std::pair{m, std::sqrt(ss / static_cast<double>(n - 1))};
  };
  const auto [m0, sd] = stats(v, n0);
  const auto d = first_look(Sense::at_least, q, eps, m0, sd, n0, t);
  if (d != Decision::undecided) return d;
  const auto n = stein_size(t, sd, eps, n0);
  const auto more = draws(gen, mu, n - n0);
  v.insert(v.end(), more.begin(), more.end());
  return second_look(Sense::at_least, q, stats(v, n).first);
}

}  // namespace

TEST_CASE("feasibility checks err at most alpha of the time at the tolerance band's edges",
          "[optimize][statistics]") {
  // At mu = q + eps (a layout that meets the target by its tolerance) the check must call it
  // infeasible with probability at most alpha; at mu = q - eps call it feasible at most alpha.
  // 4000 trials: the observed rate may exceed alpha by sampling error, at most 3 standard
  // errors sqrt(alpha (1 - alpha) / 4000) = 0.0047 for alpha 0.1.
  std::mt19937_64 gen(20261206);
  const double alpha = 0.1, q = 0.0, eps = 0.25;
  const int trials = 4000;
  int wrong_high = 0, wrong_low = 0;
  for (int i = 0; i < trials; ++i) {
    wrong_high += check(gen, q + eps, q, eps, alpha) == Decision::infeasible;
    wrong_low += check(gen, q - eps, q, eps, alpha) == Decision::feasible;
  }
  const double bound = alpha + 3 * std::sqrt(alpha * (1 - alpha) / trials);
  CHECK(wrong_high / double(trials) <= bound);
  CHECK(wrong_low / double(trials) <= bound);
  // Far from the band the checks are right almost always.
  int far = 0;
  for (int i = 0; i < 500; ++i) far += check(gen, q + 4 * eps, q, eps, alpha) == Decision::feasible;
  CHECK(far >= 495);
}

namespace {

/// One run of screen and select on k systems with means `mu` sharing a common noise term (as
/// common random numbers do), alpha split as the optimizer splits it.
Selection select_once(std::mt19937_64& gen, const std::vector<double>& mu, double delta,
                      double alpha) {
  const std::size_t n0 = 10;
  std::normal_distribution<double> z(0.0, 1.0);
  const auto sample = [&](std::size_t n) {
    std::vector<std::vector<double>> data(mu.size());
    for (std::size_t j = 0; j < n; ++j) {
      const double common = z(gen);
      for (std::size_t i = 0; i < mu.size(); ++i) data[i].push_back(mu[i] + common + z(gen));
    }
    return data;
  };
  auto data = sample(n0);
  auto s = screen(data, delta, alpha / 2, alpha / 4);
  const auto more = sample(s.second_stage_size - n0);
  for (std::size_t i = 0; i < mu.size(); ++i)
    data[i].insert(data[i].end(), more[i].begin(), more[i].end());
  select_best(s, data, delta);
  return s;
}

}  // namespace

TEST_CASE("the best system delta ahead is selected with probability at least 1 - alpha",
          "[optimize][statistics]") {
  // Least favourable configuration: the best exactly delta ahead of two equal others.
  // 2000 trials; 3 standard errors of a rate 0.9 are 3 x sqrt(0.09 / 2000) = 0.020.
  std::mt19937_64 gen(7);
  const double delta = 0.5, alpha = 0.1;
  const int trials = 2000;
  int correct = 0;
  for (int i = 0; i < trials; ++i)
    correct += select_once(gen, {0.0, delta, 0.0}, delta, alpha).best == 1;
  CHECK(correct / double(trials) >= 1 - alpha - 3 * std::sqrt(alpha * (1 - alpha) / trials));
}

TEST_CASE("two systems with the same mean are reported indifferent, not one winner",
          "[optimize][statistics]") {
  // With equal means the gap between the selected and the other at N is |mean difference|,
  // at least delta only when |T| >= t_select (N makes t_select S / sqrt(N) <= delta): each tail
  // has probability alpha/4, so indifference is reported with probability >= 1 - alpha/2 =
  // 0.95; 3 standard errors over 1000 trials: 3 x sqrt(0.05 x 0.95 / 1000) = 0.021.
  std::mt19937_64 gen(11);
  const double delta = 0.5, alpha = 0.1;
  const int trials = 1000;
  int indifferent = 0;
  for (int i = 0; i < trials; ++i) {
    const auto s = select_once(gen, {0.0, 0.0}, delta, alpha);
    indifferent += s.indifferent[1 - s.best];
  }
  CHECK(indifferent / double(trials) >= 1 - alpha / 2 - 3 * std::sqrt(0.05 * 0.95 / trials));
  // Three deltas apart they are told apart (the gap estimate is within delta of 3 delta).
  int told = 0;
  for (int i = 0; i < 200; ++i)
    told += !select_once(gen, {0.0, 3 * delta}, delta, alpha).indifferent[0];
  CHECK(told >= 195);
}
