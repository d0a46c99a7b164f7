// Observer that counts the visits that took a ticket and how they ended, and the citizens who
// sought a youth volunteer's help with their forms (center form).
#include "sim/stats/ticket_collector.hpp"

#include <cmath>

namespace sim::stats {

const std::vector<MetricDef>& TicketCollector::metrics() {
  static const std::vector<MetricDef> defs = {
      {"ticket_visits", "citizens", "visits (first or return) that took a ticket"},
      {"ticket_visits_served", "citizens", "of those, visits that ended served"},
      {"ticket_served_share", "1",
       "ticket_visits_served / ticket_visits: share of the visits that took a ticket and were "
       "served"},
      {"no_shows", "citizens",
       "ticket holders not there when their number was called (counted in reneged too)"},
      {"volunteer_sought", "citizens",
       "citizens with forms to fill who came while youth volunteers were on duty"},
      {"volunteer_helped", "citizens", "of those, citizens who found a volunteer free"},
      {"volunteer_found_share", "1",
       "volunteer_helped / volunteer_sought: share of those who sought help who found it"},
  };
  return defs;
}

std::vector<double> TicketCollector::row() const {
  const double visits = static_cast<double>(visits_), served = static_cast<double>(served_);
  const double sought = static_cast<double>(sought_), helped = static_cast<double>(helped_);
  return {
      visits, served, visits > 0 ? served / visits : std::nan(""), static_cast<double>(no_shows_),
      sought, helped, sought > 0 ? helped / sought : std::nan("")};
}

}  // namespace sim::stats
