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
/// Citizens who filed online count too: with significantly more online dossiers not received
/// within the reception rule (dossiers_reception_late: received late, or still waiting past the
/// rule at the end, so that receiving none is never better than receiving them late), a variant
/// that would be better is mixed, one with no difference for the visits is worse.
Overall overall_verdict(const std::vector<MetricComparison>& comparisons);

/// Sentences for a terminal or a file, in order: service level, unserved share, the wait of
/// those served (saying next to it when the unserved share differs significantly), online
/// dossiers not received in time (when either side has any), overall.
/// Metrics absent from `comparisons` are skipped.
std::vector<std::string> verdict_sentences(const std::vector<MetricComparison>& comparisons);

}  // namespace sim::stats
