// The plain-language verdict of a variant against the base: everyone who came counts first.
#include "sim/stats/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

namespace sim::stats {
namespace {

const MetricComparison* find_metric(const std::vector<MetricComparison>& all,
                                    const std::string& name) {
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const auto& c) { return c.metric == name; });
  return it == all.end() ? nullptr : &*it;
}

std::string number(double x, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << x;
  return out.str();
}

std::string percent(double share) { return number(100 * share, 1) + " %"; }

/// "8.0 points lower [95 % CI -9.1, -6.9]" for a share; the unit for other metrics.
std::string difference(const MetricComparison& c, bool share, const std::string& unit,
                       const char* up, const char* down) {
  const double scale = share ? 100.0 : 1.0;
  const std::string u = share ? " points" : " " + unit;
  std::string text =
      number(std::abs(c.paired.mean) * scale, 1) + u + " " + (c.paired.mean < 0 ? down : up);
  if (!std::isnan(c.paired.half_width)) {
    text += " [95 % CI " + number(c.paired.low() * scale, 1) + ", " +
            number(c.paired.high() * scale, 1) + "]";
  }
  return text;
}

std::string judgement(const MetricComparison& c) {
  if (c.significantly_better()) return "better";
  if (c.significantly_worse()) return "worse";
  return "no significant difference";
}

}  // namespace

const char* overall_name(Overall o) {
  switch (o) {
    case Overall::better:
      return "better";
    case Overall::worse:
      return "worse";
    case Overall::mixed:
      return "mixed";
    default:
      return "no significant difference";
  }
}

namespace {
/// More online dossiers not received within the reception rule (received late, or still
/// waiting past it at the end): citizens who filed from home count as those who came do.
bool online_late_worse(const std::vector<MetricComparison>& comparisons) {
  const auto* late = find_metric(comparisons, "dossiers_reception_late");
  return late && late->significantly_worse();
}

Overall visits_verdict(const std::vector<MetricComparison>& comparisons) {
  const auto* level = find_metric(comparisons, "service_level");
  const auto* unserved = find_metric(comparisons, "unserved_share");
  const bool level_better = level && level->significantly_better();
  const bool level_worse = level && level->significantly_worse();
  const bool unserved_better = unserved && unserved->significantly_better();
  const bool unserved_worse = unserved && unserved->significantly_worse();
  if (unserved_worse) return Overall::worse;  // more people went home unserved: never better
  if (level_worse) return unserved_better ? Overall::mixed : Overall::worse;
  if (level_better || unserved_better) return Overall::better;
  return Overall::no_difference;
}
}  // namespace

Overall overall_verdict(const std::vector<MetricComparison>& comparisons) {
  const Overall visits = visits_verdict(comparisons);
  if (!online_late_worse(comparisons)) return visits;
  if (visits == Overall::better) return Overall::mixed;
  return visits == Overall::no_difference ? Overall::worse : visits;
}

std::vector<std::string> verdict_sentences(const std::vector<MetricComparison>& comparisons) {
  std::vector<std::string> out;
  const auto* unserved = find_metric(comparisons, "unserved_share");
  if (const auto* c = find_metric(comparisons, "service_level")) {
    out.push_back(
        "Service level (visits served within the target wait or answered by the robot): " +
        percent(c->variant_mean) + " vs " + percent(c->base_mean) + " in the base, " +
        difference(*c, true, "", "higher", "lower") + ": " + judgement(*c) + ".");
  }
  if (unserved) {
    out.push_back("Went home unserved (reneged, balked, turned away, sent home and not back): " +
                  percent(unserved->variant_mean) + " vs " + percent(unserved->base_mean) +
                  " of those who came, " + difference(*unserved, true, "", "more", "fewer") + ": " +
                  judgement(*unserved) + ".");
  }
  if (const auto* c = find_metric(comparisons, "wait_mean")) {
    std::string text = "Wait of those served: " + number(c->variant_mean, 1) + " vs " +
                       number(c->base_mean, 1) + " min, " +
                       difference(*c, false, "min", "longer", "shorter");
    if (unserved && unserved->significantly_worse()) {
      text += "; but significantly more people went home unserved, so this wait is not a gain";
    } else if (unserved && unserved->significantly_better()) {
      text += "; and significantly fewer people went home unserved";
    } else if (unserved && unserved->significant()) {
      text += "; the unserved share differs significantly";
    }
    out.push_back(text + ".");
  }
  const auto* late = find_metric(comparisons, "dossiers_reception_late");
  if (late && (late->base_mean > 0.0 || late->variant_mean > 0.0)) {
    out.push_back(
        "Online dossiers not received within the reception rule's working hours (received late "
        "or still waiting at the end): " +
        number(late->variant_mean, 1) + " vs " + number(late->base_mean, 1) + " in the base, " +
        difference(*late, false, "dossiers", "more", "fewer") + ": " + judgement(*late) + ".");
  }
  if (find_metric(comparisons, "service_level") || unserved) {
    const Overall o = overall_verdict(comparisons);
    const bool online = online_late_worse(comparisons);
    const Overall visits = visits_verdict(comparisons);  // what the visits alone would say
    std::string text = std::string("Overall: ") + overall_name(o);
    if (o == Overall::worse)
      text += online && visits == Overall::no_difference
                  ? ": more online dossiers are not received in time"
                  : ": more of the people who came go home unserved, or fewer are helped in time";
    if (o == Overall::better)
      text += ": more of the people who came are helped in time, or fewer go home unserved";
    if (o == Overall::mixed)
      text += online && visits == Overall::better
                  ? ": more of the people who came are helped in time, but more online dossiers "
                    "are not received in time"
                  : ": fewer helped within the target, but fewer go home unserved";
    if (o == Overall::no_difference)
      text += " for the people who came (waiting times alone do not make a variant better)";
    out.push_back(text + ".");
  }
  return out;
}

}  // namespace sim::stats
