// Maximum-likelihood fits of service times (exponential, gamma, lognormal) and interval helpers.
#include "sim/fit/distribution_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>

namespace sim::fit {

namespace {

constexpr double z95 = 1.959963984540054;

Estimate normal_interval(double value, double se) {
  return {value, se, value - z95 * se, value + z95 * se};
}

double chi2_quantile(double dof, double p) {
  return boost::math::quantile(boost::math::chi_squared_distribution<double>(dof), p);
}

/// Gamma shape by maximum likelihood: solves ln k - digamma(k) = s with Newton's method from
/// the Minka/Choi-Wette starting value; s = ln(mean) - mean(ln x) > 0.
double gamma_shape(double s) {
  double k = (3.0 - s + std::sqrt((s - 3.0) * (s - 3.0) + 24.0 * s)) / (12.0 * s);
  for (int i = 0; i < 100; ++i) {
    const double f = std::log(k) - boost::math::digamma(k) - s;
    const double df = 1.0 / k - boost::math::trigamma(k);
    const double step = f / df;
    k = std::max(k - step, k / 10.0);
    if (std::abs(step) < 1e-12 * k) break;
  }
  return k;
}

/// Kolmogorov's asymptotic tail with Stephens' small-sample correction.
double ks_p_value(double d, double n) {
  const double lambda = (std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n)) * d;
  if (lambda < 0.2) return 1.0;
  double sum = 0.0;
  for (int k = 1; k <= 100; ++k) {
    sum += (k % 2 == 1 ? 2.0 : -2.0) * std::exp(-2.0 * k * k * lambda * lambda);
  }
  return std::clamp(sum, 0.0, 1.0);
}

void finish(FamilyFit& fit, const std::vector<double>& sorted) {
  const double n = static_cast<double>(sorted.size());
  fit.log_likelihood = 0.0;
  for (double x : sorted) fit.log_likelihood += std::log(fit.pdf(x));
  fit.aic = 2.0 * static_cast<double>(fit.params.size()) - 2.0 * fit.log_likelihood;
  double d = 0.0;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const double f = fit.cdf(sorted[i]);
    d = std::max({d, (static_cast<double>(i) + 1.0) / n - f, f - static_cast<double>(i) / n});
  }
  fit.ks = d;
  fit.ks_p = ks_p_value(d, n);
}

}  // namespace

const char* family_name(Family family) {
  switch (family) {
    case Family::exponential:
      return "exponential";
    case Family::gamma:
      return "gamma";
    case Family::lognormal:
      return "lognormal";
  }
  return "?";
}

double FamilyFit::pdf(double x) const {
  using namespace boost::math;
  switch (family) {
    case Family::exponential:
      return boost::math::pdf(exponential_distribution<>(1.0 / params[0].value), x);
    case Family::gamma:
      return boost::math::pdf(gamma_distribution<>(params[0].value, params[1].value), x);
    case Family::lognormal:
      return boost::math::pdf(lognormal_distribution<>(params[0].value, params[1].value), x);
  }
  return 0.0;
}

double FamilyFit::cdf(double x) const {
  using namespace boost::math;
  switch (family) {
    case Family::exponential:
      return boost::math::cdf(exponential_distribution<>(1.0 / params[0].value), x);
    case Family::gamma:
      return boost::math::cdf(gamma_distribution<>(params[0].value, params[1].value), x);
    case Family::lognormal:
      return boost::math::cdf(lognormal_distribution<>(params[0].value, params[1].value), x);
  }
  return 0.0;
}

double FamilyFit::quantile(double p) const {
  using namespace boost::math;
  switch (family) {
    case Family::exponential:
      return boost::math::quantile(exponential_distribution<>(1.0 / params[0].value), p);
    case Family::gamma:
      return boost::math::quantile(gamma_distribution<>(params[0].value, params[1].value), p);
    case Family::lognormal:
      return boost::math::quantile(lognormal_distribution<>(params[0].value, params[1].value), p);
  }
  return 0.0;
}

double FamilyFit::mean() const {
  switch (family) {
    case Family::exponential:
      return params[0].value;
    case Family::gamma:
      return params[0].value * params[1].value;
    case Family::lognormal:
      return std::exp(params[0].value + params[1].value * params[1].value / 2.0);
  }
  return 0.0;
}

SampleFit fit_sample(const std::vector<double>& x) {
  SampleFit out;
  std::vector<double> v;
  for (double xi : x) (xi > 0.0 ? v.push_back(xi) : void(++out.zeros));
  std::sort(v.begin(), v.end());
  if (v.size() < 2 || v.front() == v.back())
    throw std::invalid_argument("need at least 2 different positive values to fit");
  const double n = static_cast<double>(v.size());
  out.n = v.size();
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0.0, log_sum = 0.0;
  for (double xi : v) ss += (xi - mean) * (xi - mean), log_sum += std::log(xi);
  const double sd = std::sqrt(ss / (n - 1.0));
  const double t = boost::math::quantile(boost::math::students_t_distribution<>(n - 1.0), 0.975);
  out.mean = {mean, sd / std::sqrt(n), mean - t * sd / std::sqrt(n), mean + t * sd / std::sqrt(n)};
  const double log_mean = log_sum / n;

  FamilyFit e{Family::exponential, {}};
  // Exact interval: 2 n mean / theta ~ chi2(2n).
  e.params.push_back({mean, mean / std::sqrt(n), 2.0 * n * mean / chi2_quantile(2.0 * n, 0.975),
                      2.0 * n * mean / chi2_quantile(2.0 * n, 0.025)});
  finish(e, v);

  const double k = gamma_shape(std::log(mean) - log_mean);
  // Fisher information of (shape, scale): the shape's variance is 1 / (n (trigamma(k) - 1/k)),
  // the scale's (mean / k) follows by the delta method with the mean's variance k scale^2 / n.
  const double k_se = 1.0 / std::sqrt(n * (boost::math::trigamma(k) - 1.0 / k));
  const double scale = mean / k;
  const double scale_se =
      scale * std::sqrt(boost::math::trigamma(k) / (n * (k * boost::math::trigamma(k) - 1.0)));
  FamilyFit g{Family::gamma, {normal_interval(k, k_se), normal_interval(scale, scale_se)}};
  finish(g, v);

  double log_ss = 0.0;
  for (double xi : v) log_ss += (std::log(xi) - log_mean) * (std::log(xi) - log_mean);
  const double sigma = std::sqrt(log_ss / n);  // the MLE divides by n
  FamilyFit l{Family::lognormal,
              {normal_interval(log_mean, sigma / std::sqrt(n)),
               normal_interval(sigma, sigma / std::sqrt(2.0 * n))}};
  finish(l, v);

  out.fits = {e, g, l};
  for (std::size_t i = 1; i < out.fits.size(); ++i)
    if (out.fits[i].aic < out.fits[out.best].aic) out.best = i;
  return out;
}

Estimate poisson_rate(double n, double exposure) {
  const double low = n > 0 ? chi2_quantile(2.0 * n, 0.025) / 2.0 : 0.0;
  const double high = chi2_quantile(2.0 * n + 2.0, 0.975) / 2.0;
  return {n / exposure, std::sqrt(n) / exposure, low / exposure, high / exposure};
}

Estimate proportion(double successes, double trials) {
  const double p = successes / trials;
  const double z2 = z95 * z95;
  const double centre = (p + z2 / (2.0 * trials)) / (1.0 + z2 / trials);
  const double half =
      z95 * std::sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials)) / (1.0 + z2 / trials);
  return {p, std::sqrt(p * (1.0 - p) / trials), centre - half, centre + half};
}

Estimate censored_exponential_mean(double events, double time_at_risk) {
  const double mean = time_at_risk / events;
  return {mean, mean / std::sqrt(events), 2.0 * time_at_risk / chi2_quantile(2.0 * events, 0.975),
          2.0 * time_at_risk / chi2_quantile(2.0 * events, 0.025)};
}

}  // namespace sim::fit
