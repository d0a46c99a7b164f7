// Writes a fitted ward as a commented scenario and its catalogue, in the project's format.
#pragma once

#include <string>

#include "sim/fit/ward_fit.hpp"

namespace sim::fit {

struct FittedFiles {
  std::string scenario;   ///< TOML text of the scenario
  std::string catalogue;  ///< TOML text of the catalogue it names
};

/// The scenario names its catalogue by `catalogue_name` (a path relative to the scenario's
/// folder). Every fitted value carries its 95 % interval and sample size in a comment.
FittedFiles write_fitted_scenario(const WardFit& fit, const std::string& name,
                                  const std::string& catalogue_name);

/// "dd/mm/yyyy" and "yyyy-mm-dd" of a day counted from 1970-01-01.
std::string vn_date(std::int64_t day);
std::string iso_date(std::int64_t day);

}  // namespace sim::fit
