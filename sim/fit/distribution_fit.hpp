// Maximum-likelihood fits of service times (exponential, gamma, lognormal) and interval helpers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sim::fit {

/// A point estimate with its standard error and 95 % interval.
struct Estimate {
  double value = 0.0;
  double se = 0.0;
  double low = 0.0;
  double high = 0.0;
};

enum class Family { exponential, gamma, lognormal };
const char* family_name(Family family);

/// One family fitted by maximum likelihood. Parameters: exponential {mean}; gamma {shape,
/// scale}; lognormal {mu, sigma} of the log (median = e^mu, cv = sqrt(e^(sigma^2) - 1)).
struct FamilyFit {
  Family family = Family::exponential;
  std::vector<Estimate> params;
  double log_likelihood = 0.0;
  double aic = 0.0;
  double ks = 0.0;    ///< Kolmogorov-Smirnov distance between the sample and the fitted cdf
  double ks_p = 0.0;  ///< its asymptotic p-value (conservative: the parameters were fitted)
  double pdf(double x) const;
  double cdf(double x) const;
  double quantile(double p) const;
  double mean() const;
};

/// All three fits of one sample, best (lowest AIC) first marked by `best`.
struct SampleFit {
  std::size_t n = 0;      ///< positive values fitted
  std::size_t zeros = 0;  ///< values <= 0 left out (no family here has mass at 0)
  Estimate mean;          ///< sample mean with its t-interval
  std::vector<FamilyFit> fits;
  std::size_t best = 0;
};

/// Fits the three families to the positive values of `x` (at least 2 of them, not all equal).
SampleFit fit_sample(const std::vector<double>& x);

/// Exact (Garwood) 95 % interval of a Poisson mean from a count `n` over `exposure` units.
Estimate poisson_rate(double n, double exposure);

/// Wilson 95 % interval of a proportion.
Estimate proportion(double successes, double trials);

/// Exponential mean from `events` exact times and censored ones: total time at risk / events,
/// with the chi-square interval 2T / chi2(2d).
Estimate censored_exponential_mean(double events, double time_at_risk);

}  // namespace sim::fit
