// The statistics of motcua optimize's final stage: feasibility checks and selecting the best.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sim::optimize {

/// Which way a bound on a metric goes.
enum class Sense { at_least, at_most };

/// The verdict on one constraint (or on one candidate, all its constraints together).
enum class Decision { feasible, infeasible, undecided };
const char* decision_name(Decision d);

/// Student-t quantile t_{1 - tail, dof} (Boost.Math); tail in (0, 0.5].
double t_quantile(double tail, std::size_t dof);

/// The one-sided tail each feasibility check may spend: alpha / checks (Bonferroni over every
/// candidate and constraint of the final stage), half of it at each of the two looks.
double feasibility_tail(double alpha, std::size_t checks);

/// The first look at n0 replications (mean, standard deviation sd) of a bound q with tolerance
/// eps: feasible when the one-sided (1 - tail) interval lies above q - eps (at_least), infeasible
/// when it lies below q + eps, undecided otherwise. t = t_quantile(tail, n0 - 1).
Decision first_look(Sense sense, double q, double eps, double mean, double sd, std::size_t n,
                    double t);

/// Stein's second-stage size: max(n0, ceil((t sd / eps)^2)), so that t sd / sqrt(N) <= eps.
std::uint64_t stein_size(double t, double sd, double eps, std::uint64_t n0);

/// The second look at the Stein size: feasible exactly when the mean meets the bound.
Decision second_look(Sense sense, double q, double mean);

/// Screening and selection of the best mean among k systems run on common random numbers, with
/// indifference zone delta (larger is better: negate a metric to be minimised).
/// data[i][j] is replication j of system i; every system has the same replications.
struct Selection {
  std::vector<bool> survived;           ///< kept by the first-stage screen
  std::uint64_t second_stage_size = 0;  ///< N: replications every survivor is run to
  std::size_t best = 0;                 ///< index of the largest mean at N among survivors
  std::vector<bool> indifferent;        ///< survivors whose mean at N is within delta of best's
  double t_screen = 0.0;                ///< t_{1 - alpha_screen/(k-1), n0-1}
  double t_select = 0.0;                ///< t_{1 - alpha_select/(k-1), n0-1}
};

/// Stage 1 (n0 replications each): keeps system i unless some l has
/// mean_i < mean_l - (t_screen S_il / sqrt(n0) + delta), S_il the standard deviation of the
/// paired differences: a system screened out is, on the guarantee's event, more than delta
/// worse than another, so only the close ones get more replications and the indifference
/// report (select_best) sees every system within delta of the best. Sets survived, t_screen,
/// t_select and second_stage_size N = max(n0, max over all pairs ceil((t_select S_il / delta)^2));
/// N depends on the first stage's variances only, which is what makes Stein's argument hold.
Selection screen(const std::vector<std::vector<double>>& first_stage, double delta,
                 double alpha_screen, double alpha_select);

/// Stage 2: data holds N replications of every system (only survivors are read). Sets best
/// and indifferent: survivor l is indifferent when mean_best - mean_l < delta.
void select_best(Selection& s, const std::vector<std::vector<double>>& data, double delta);

}  // namespace sim::optimize
