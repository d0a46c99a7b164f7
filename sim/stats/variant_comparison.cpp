// Paired comparison of scenario variants run on common random numbers, metric by metric.
#include "sim/stats/variant_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sim::stats {

Better better_direction(const std::string& m) {
  static const std::vector<std::string> lower = {"reneged",
                                                 "balked",
                                                 "turned_away",
                                                 "sent_home_pending",
                                                 "gave_up",
                                                 "unserved_share",
                                                 "sent_home",
                                                 "returned",
                                                 "abandon_prob",
                                                 "prob_wait",
                                                 "wait_mean",
                                                 "wait_sd",
                                                 "wait_p50",
                                                 "wait_p90",
                                                 "wait_p95",
                                                 "wait_max",
                                                 "wait_mean_priority",
                                                 "wait_mean_regular",
                                                 "queue_time_mean",
                                                 "sojourn_mean",
                                                 "queue_length_mean",
                                                 "in_center_mean",
                                                 "overtime",
                                                 "overtime_max",
                                                 "last_service_end_mean",
                                                 "last_service_end_max",
                                                 "dossiers_late",
                                                 "dossiers_open_overdue",
                                                 "lateness_mean",
                                                 "lateness_p50",
                                                 "lateness_p90",
                                                 "lateness_max",
                                                 "turnaround_mean",
                                                 "backlog_mean",
                                                 "backlog_max",
                                                 "backlog_end",
                                                 "system_down",
                                                 "system_degraded",
                                                 "system_outages",
                                                 "system_citizens_sent_home",
                                                 "online_payments_failed",
                                                 "dossiers_received_late",
                                                 "dossiers_awaiting_reception",
                                                 "dossiers_awaiting_reception_overdue",
                                                 "dossiers_reception_late",
                                                 "reception_wait_mean"};
  static const std::vector<std::string> higher = {
      "served",        "answered",     "helped",           "served_on_target",
      "service_level", "on_time_rate", "dossiers_on_time", "dossiers_completed"};
  if (std::find(lower.begin(), lower.end(), m) != lower.end()) return Better::lower;
  if (std::find(higher.begin(), higher.end(), m) != higher.end()) return Better::higher;
  return Better::none;
}

const char* better_name(Better b) {
  switch (b) {
    case Better::lower:
      return "lower";
    case Better::higher:
      return "higher";
    default:
      return "";
  }
}

bool MetricComparison::significantly_better() const {
  if (better == Better::none || !significant()) return false;
  return (paired.mean < 0) == (better == Better::lower);
}

bool MetricComparison::significantly_worse() const {
  return better != Better::none && significant() && !significantly_better();
}

const std::vector<std::string>& verdict_metrics() {
  static const std::vector<std::string> names = {"service_level", "unserved_share", "helped",
                                                 "served", "turned_away"};
  return names;
}

void lead_with_verdict_metrics(std::vector<MetricComparison>& comparisons) {
  const auto& lead = verdict_metrics();
  const auto rank = [&](const MetricComparison& c) {
    return static_cast<std::size_t>(std::find(lead.begin(), lead.end(), c.metric) - lead.begin());
  };
  std::stable_sort(comparisons.begin(), comparisons.end(),
                   [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
}

std::vector<MetricComparison> compare_variants(const std::vector<MetricDef>& metrics,
                                               const std::vector<ReplicationRow>& base,
                                               const std::vector<ReplicationRow>& variant) {
  if (base.size() != variant.size())
    throw std::invalid_argument(
        "compare_variants: the variants ran different numbers of replications");
  std::vector<MetricComparison> out;
  for (std::size_t m = 0; m < metrics.size(); ++m) {
    std::vector<double> b, v;
    for (std::size_t r = 0; r < base.size(); ++r) {
      if (base[r].values.size() != metrics.size() || variant[r].values.size() != metrics.size())
        throw std::invalid_argument("compare_variants: rows do not match the metrics");
      b.push_back(base[r].values[m]);
      v.push_back(variant[r].values[m]);
    }
    MetricComparison c;
    c.metric = metrics[m].name;
    c.better = better_direction(c.metric);
    c.base_mean = confidence_interval(b).mean;
    c.variant_mean = confidence_interval(v).mean;
    c.paired = paired_difference(v, b);
    c.unpaired = welch_difference(v, b);
    std::size_t pairs = 0, wins = 0, ties = 0;
    for (std::size_t r = 0; r < b.size(); ++r) {
      if (std::isnan(b[r]) || std::isnan(v[r])) continue;
      ++pairs;
      if (v[r] == b[r]) {
        ++ties;
      } else if ((v[r] < b[r]) == (c.better == Better::lower)) {
        ++wins;
      }
    }
    if (c.better == Better::none || pairs == 0) {
      c.better_share = c.equal_share = c.worse_share = std::nan("");
    } else {
      const auto share = [&](std::size_t k) {
        return static_cast<double>(k) / static_cast<double>(pairs);
      };
      c.better_share = share(wins);
      c.equal_share = share(ties);
      c.worse_share = share(pairs - wins - ties);
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace sim::stats
