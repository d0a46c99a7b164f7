// Closed-form and numerically exact queueing results that the validation tests compare with.
#pragma once

#include <cmath>
#include <vector>

namespace test_support {

/// Erlang C: probability that an arrival waits in M/M/c with offered load a = lambda/mu < c.
/// Computed through the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)), which is stable.
inline double erlang_c(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1.0 - rho + rho * b);
}

/// M/M/c mean wait in queue: Wq = C(c, a) / (c mu - lambda).
inline double mmc_mean_wait(int c, double lambda, double mu) {
  return erlang_c(c, lambda / mu) / (c * mu - lambda);
}

/// M/M/c quantile of the wait: P(Wq > t) = C e^{-(c mu - lambda) t}; 0 if q <= 1 - C.
inline double mmc_wait_quantile(int c, double lambda, double mu, double q) {
  const double pw = erlang_c(c, lambda / mu);
  if (q <= 1.0 - pw) return 0.0;
  return std::log(pw / (1.0 - q)) / (c * mu - lambda);
}

/// Pollaczek–Khinchine: M/G/1 mean wait Wq = lambda E[S^2] / (2 (1 - rho)).
inline double pk_mean_wait(double lambda, double mean_s, double second_moment_s) {
  return lambda * second_moment_s / (2.0 * (1.0 - lambda * mean_s));
}

/// Cobham: mean wait of class k (0 = most urgent) in a non-preemptive priority M/G/1 queue.
/// W_k = W0 / ((1 - sigma_{k-1}) (1 - sigma_k)), W0 = sum_i lambda_i E[S_i^2] / 2,
/// sigma_k = sum_{i<=k} rho_i.
inline double cobham_mean_wait(const std::vector<double>& lambdas, const std::vector<double>& means,
                               const std::vector<double>& second_moments, std::size_t k) {
  double w0 = 0.0;
  for (std::size_t i = 0; i < lambdas.size(); ++i) w0 += lambdas[i] * second_moments[i] / 2.0;
  double sigma_before = 0.0;
  for (std::size_t i = 0; i < k; ++i) sigma_before += lambdas[i] * means[i];
  const double sigma_k = sigma_before + lambdas[k] * means[k];
  return w0 / ((1.0 - sigma_before) * (1.0 - sigma_k));
}

/// Erlang A (M/M/c+M) stationary results from the exact birth–death chain: births lambda,
/// deaths min(n, c) mu + max(n - c, 0) theta. The chain is truncated where the probability
/// mass left is below 1e-15, so the numbers are exact to double precision.
struct ErlangA {
  double prob_wait = 0.0;        ///< P(arrival finds all counters busy) (PASTA)
  double prob_abandon = 0.0;     ///< theta Lq / lambda
  double mean_queue_time = 0.0;  ///< Lq / lambda: mean time in queue of all arrivals (Little)
  double mean_queue_length = 0.0;
};

inline ErlangA erlang_a(int c, double lambda, double mu, double theta) {
  std::vector<double> p{1.0};
  double total = 1.0;
  for (int n = 1; n < 100000; ++n) {
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    p.push_back(p.back() * lambda / death);
    total += p.back();
    if (n > c && p.back() / total < 1e-18) break;
  }
  ErlangA r;
  for (std::size_t n = 0; n < p.size(); ++n) {
    const double pi = p[n] / total;
    if (static_cast<int>(n) >= c) r.prob_wait += pi;
    r.mean_queue_length += std::max(static_cast<int>(n) - c, 0) * pi;
  }
  r.prob_abandon = theta * r.mean_queue_length / lambda;
  r.mean_queue_time = r.mean_queue_length / lambda;
  return r;
}

}  // namespace test_support
