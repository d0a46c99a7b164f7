// Sums of center summary rows into province and national rows, in a fixed order.
#include "sim/run/national_aggregate.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sim::run {
namespace {

using Kind = AggregateDef::Kind;

AggregateDef sum(const std::string& name, const std::string& unit, const std::string& what) {
  return {{name, unit, what}, Kind::sum, name, "", {}, {}};
}

/// A share formed from sums: the numerator's columns over the denominator's, both summed first.
AggregateDef ratio(const std::string& name, const std::string& what,
                   std::vector<std::string> numerator, std::vector<std::string> denominator) {
  return {{name, "1", what}, Kind::ratio, "", "", std::move(numerator), std::move(denominator)};
}

std::size_t index_of(const std::vector<stats::MetricDef>& metrics, const std::string& name) {
  const auto it =
      std::find_if(metrics.begin(), metrics.end(), [&](const auto& m) { return m.name == name; });
  if (it == metrics.end()) throw std::logic_error("aggregate: no summary metric " + name);
  return static_cast<std::size_t>(it - metrics.begin());
}

/// The dossier counts of one channel ("online" or "counter") and their on-time rate, as the
/// centers' summaries name them (stats::BackOfficeCollector).
std::vector<AggregateDef> channel_defs(const std::string& ch, const std::string& filed) {
  const std::string d = "dossiers_" + ch + "_";
  return {
      sum(d + "received", "dossiers", "dossiers received, " + filed),
      sum(d + "completed", "dossiers", "of those, finished within the run"),
      sum(d + "on_time", "dossiers", "of those, finished by the deadline"),
      sum(d + "late", "dossiers", "of those, finished after the deadline"),
      sum(d + "open_overdue", "dossiers", "of those, open at the end, deadline passed"),
      ratio("on_time_rate_" + ch, d + "on_time / (" + d + "completed + " + d + "open_overdue)",
            {d + "on_time"}, {d + "completed", d + "open_overdue"}),
  };
}

std::vector<AggregateDef> with_channels(std::vector<AggregateDef> defs) {
  // The channel block follows on_time_rate, as the summary's follows the dossier counts.
  const auto at = std::find_if(defs.begin(), defs.end(),
                               [](const auto& d) { return d.metric.name == "on_time_rate"; });
  auto block = channel_defs("online", "filed online");
  for (auto& d : channel_defs("counter", "filed at a counter")) block.push_back(std::move(d));
  defs.insert(at + 1, block.begin(), block.end());
  return defs;
}

}  // namespace

const std::vector<AggregateDef>& aggregate_defs() {
  static const std::vector<AggregateDef> defs = with_channels({
      sum("arrived", "citizens", "citizens who came in person (first visits)"),
      sum("served", "citizens", "of those, served at a counter"),
      sum("reneged", "citizens", "of those, gave up waiting"),
      sum("balked", "citizens", "of those, left without a ticket"),
      sum("sent_home", "citizens", "departures sent home to come back"),
      sum("returned", "citizens", "return visits"),
      sum("answered", "citizens", "questions answered by a reception robot"),
      sum("turned_away", "citizens", "turned away: nobody at the center serves their domain"),
      sum("sent_home_pending", "citizens", "left to come back, not back by the end of the run"),
      sum("gave_up", "citizens", "left unserved for good (no return visit follows)"),
      sum("helped", "citizens", "served + answered"),
      sum("served_on_target", "citizens", "visits served within the service target wait"),
      ratio("service_level",
            "(served_on_target + answered) / (arrived + returned): visits helped on target",
            {"served_on_target", "answered"}, {"arrived", "returned"}),
      ratio("unserved_share", "(gave_up + sent_home_pending) / arrived: went home unserved",
            {"gave_up", "sent_home_pending"}, {"arrived"}),
      {{"wait_mean", "min", "mean wait of served citizens (centers weighted by served)"},
       Kind::weighted_mean,
       "wait_mean",
       "served",
       {},
       {}},
      ratio("abandon_rate", "reneged / arrived", {"reneged"}, {"arrived"}),
      sum("overtime", "staff-min", "minutes worked past closing, all staff"),
      sum("dossiers_received", "dossiers", "dossiers received (counter and online)"),
      sum("dossiers_online", "dossiers", "of those, filed online"),
      sum("dossiers_completed", "dossiers", "back-office work finished within the run"),
      sum("dossiers_on_time", "dossiers", "finished by the deadline"),
      sum("dossiers_late", "dossiers", "finished after the deadline"),
      sum("dossiers_open_overdue", "dossiers", "open at the end, deadline passed"),
      sum("dossiers_open_not_due", "dossiers", "open at the end, not yet due"),
      sum("dossiers_late_specialist", "dossiers", "late, held responsible: specialist work"),
      sum("dossiers_late_citizen", "dossiers", "late, held responsible: the citizen"),
      sum("dossiers_late_agency", "dossiers", "late, held responsible: another agency"),
      sum("dossiers_late_signature", "dossiers", "late, held responsible: the leader's signature"),
      sum("dossiers_late_result", "dossiers", "late, held responsible: the result going out"),
      sum("back_office_overtime", "min", "minutes back-office workers stayed after hours"),
      sum("dossiers_received_by_staff", "dossiers", "online dossiers received by counter staff"),
      sum("dossiers_received_late", "dossiers",
          "of those, received after the reception rule's working hours"),
      sum("dossiers_awaiting_reception", "dossiers",
          "online dossiers not received by staff at the end"),
      sum("dossiers_awaiting_reception_overdue", "dossiers",
          "of those, past the reception rule's working hours"),
      sum("dossiers_reception_late", "dossiers",
          "online dossiers received late or still waiting past the rule at the end"),
      {{"reception_wait_mean", "h", "mean hours from filing to reception by staff"},
       Kind::weighted_mean,
       "reception_wait_mean",
       "dossiers_received_by_staff",
       {},
       {}},
      ratio("on_time_rate", "dossiers_on_time / (dossiers_completed + dossiers_open_overdue)",
            {"dossiers_on_time"}, {"dossiers_completed", "dossiers_open_overdue"}),
      sum("system_down", "min",
          "minutes software systems were down, summed over systems and centers"),
      sum("payments_online", "dossiers", "online dossiers with a fee paid online"),
      sum("payments_online_vnd", "VND", "fees paid online"),
      sum("payments_counter", "dossiers", "filings with a fee paid at the counter"),
      sum("payments_counter_vnd", "VND", "fees paid at the counter"),
      sum("ticket_visits", "citizens", "visits that took a ticket"),
      sum("ticket_visits_served", "citizens", "of those, visits that ended served"),
      ratio("ticket_served_share", "ticket_visits_served / ticket_visits", {"ticket_visits_served"},
            {"ticket_visits"}),
      sum("no_shows", "citizens", "ticket holders not there when called"),
      sum("volunteer_sought", "citizens", "citizens with forms who came while volunteers served"),
      sum("volunteer_helped", "citizens", "of those, found a youth volunteer free"),
      ratio("volunteer_found_share", "volunteer_helped / volunteer_sought", {"volunteer_helped"},
            {"volunteer_sought"}),
  });
  return defs;
}

std::vector<double> aggregate(const std::vector<stats::MetricDef>& metrics,
                              const std::vector<const std::vector<double>*>& rows) {
  std::vector<double> out;
  for (const auto& d : aggregate_defs()) {
    const auto total = [&](const std::string& name) {
      const std::size_t m = index_of(metrics, name);
      double s = 0.0;
      for (const auto* r : rows) s += r->at(m);
      return s;
    };
    switch (d.kind) {
      case Kind::sum:
        out.push_back(total(d.source));
        break;
      case Kind::weighted_mean: {
        const std::size_t m = index_of(metrics, d.source), w = index_of(metrics, d.weight);
        double num = 0.0, den = 0.0;
        for (const auto* r : rows) {
          if (r->at(w) <= 0.0) continue;  // no served citizen: its NaN mean carries no weight
          num += r->at(m) * r->at(w);
          den += r->at(w);
        }
        out.push_back(den > 0 ? num / den : std::nan(""));
        break;
      }
      case Kind::ratio: {
        double num = 0.0, den = 0.0;
        for (const auto& n : d.numerator) num += total(n);
        for (const auto& n : d.denominator) den += total(n);
        out.push_back(den > 0 ? num / den : std::nan(""));
        break;
      }
    }
  }
  return out;
}

}  // namespace sim::run
