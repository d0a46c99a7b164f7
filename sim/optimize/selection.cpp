// The statistics of motcua optimize's final stage: feasibility checks and selecting the best.
#include "sim/optimize/selection.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

namespace sim::optimize {
namespace {

struct Moments {
  double mean = 0.0;
  double sd = 0.0;
};

Moments moments(const std::vector<double>& a, const std::vector<double>* b, std::size_t n) {
  Moments m;
  for (std::size_t j = 0; j < n; ++j) m.mean += a[j] - (b ? (*b)[j] : 0.0);
  m.mean /= static_cast<double>(n);
  double ss = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    const double d = a[j] - (b ? (*b)[j] : 0.0) - m.mean;
    ss += d * d;
  }
  m.sd = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
  return m;
}

}  // namespace

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::feasible:
      return "feasible";
    case Decision::infeasible:
      return "infeasible";
    default:
      return "undecided";
  }
}

double t_quantile(double tail, std::size_t dof) {
  if (!(tail > 0.0 && tail <= 0.5) || dof == 0)
    throw std::invalid_argument("t_quantile: tail must be in (0, 0.5] and dof >= 1");
  return boost::math::quantile(boost::math::students_t(static_cast<double>(dof)), 1.0 - tail);
}

double feasibility_tail(double alpha, std::size_t checks) {
  return alpha / static_cast<double>(std::max<std::size_t>(1, checks)) / 2.0;
}

Decision first_look(Sense sense, double q, double eps, double mean, double sd, std::size_t n,
                    double t) {
  const double half = t * sd / std::sqrt(static_cast<double>(n));
  if (sense == Sense::at_most) return first_look(Sense::at_least, -q, eps, -mean, sd, n, t);
  if (mean - half >= q - eps) return Decision::feasible;
  if (mean + half <= q + eps) return Decision::infeasible;
  return Decision::undecided;
}

std::uint64_t stein_size(double t, double sd, double eps, std::uint64_t n0) {
  const double n = std::ceil(std::pow(t * sd / eps, 2));
  return std::max<std::uint64_t>(n0, static_cast<std::uint64_t>(n));
}

Decision second_look(Sense sense, double q, double mean) {
  const bool met = sense == Sense::at_least ? mean >= q : mean <= q;
  return met ? Decision::feasible : Decision::infeasible;
}

Selection screen(const std::vector<std::vector<double>>& first, double delta, double alpha_screen,
                 double alpha_select) {
  const std::size_t k = first.size();
  Selection s;
  s.survived.assign(k, true);
  s.indifferent.assign(k, false);
  if (k < 2) {
    s.second_stage_size = k ? first.front().size() : 0;
    return s;
  }
  const std::size_t n0 = first.front().size();
  if (n0 < 2) throw std::invalid_argument("screen: at least two first-stage replications");
  s.t_screen = t_quantile(alpha_screen / static_cast<double>(k - 1), n0 - 1);
  s.t_select = t_quantile(alpha_select / static_cast<double>(k - 1), n0 - 1);
  s.second_stage_size = n0;
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t l = 0; l < k; ++l) {
      if (l == i) continue;
      const auto d = moments(first[i], &first[l], n0);  // mean_i - mean_l and S_il
      const double w = s.t_screen * d.sd / std::sqrt(static_cast<double>(n0)) + delta;
      if (d.mean < -w) s.survived[i] = false;
      if (l > i)
        s.second_stage_size =
            std::max(s.second_stage_size, stein_size(s.t_select, d.sd, delta, n0));
    }
  }
  return s;
}

void select_best(Selection& s, const std::vector<std::vector<double>>& data, double delta) {
  const std::size_t k = data.size();
  std::vector<double> means(k, -INFINITY);
  bool any = false;
  for (std::size_t i = 0; i < k; ++i) {
    if (!s.survived[i]) continue;
    if (data[i].size() < s.second_stage_size)
      throw std::invalid_argument("select_best: a survivor has fewer than N replications");
    means[i] = moments(data[i], nullptr, s.second_stage_size).mean;
    if (!any || means[i] > means[s.best]) s.best = i;
    any = true;
  }
  s.indifferent.assign(k, false);
  for (std::size_t i = 0; i < k; ++i)
    s.indifferent[i] = s.survived[i] && i != s.best && means[s.best] - means[i] < delta;
}

}  // namespace sim::optimize
