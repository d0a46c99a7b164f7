// The plain-language verdict of a variant against the base: everyone who came counts first.
#pragma once

#include <string>
#include <vector>

#include "sim/stats/variant_comparison.hpp"

namespace sim::stats {

/// How a variant fares against the base on the people who came.
enum class Overall { better, worse, mixed, no_difference };
const char* overall_name(Overall o);

/// better only when the variant serves significantly more of the people who came (higher
/// service_level or lower unserved_share) and is significantly worse on neither; worse when
/// more people go home unserved or fewer are served on target. Waiting times never decide it:
/// a variant that serves fewer people is never better because those it serves wait less.
Overall overall_verdict(const std::vector<MetricComparison>& comparisons);

/// Sentences for a terminal or a file, in order: service level, unserved share, the wait of
/// those served (saying next to it when the unserved share differs significantly), overall.
/// Metrics absent from `comparisons` are skipped.
std::vector<std::string> verdict_sentences(const std::vector<MetricComparison>& comparisons);

}  // namespace sim::stats
