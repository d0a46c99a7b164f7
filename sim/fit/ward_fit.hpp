// Fits a ward's demand, service, patience, hours and staffing from its ticket log.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/fit/distribution_fit.hpp"
#include "sim/fit/ticket_log.hpp"

namespace sim::fit {

/// Tickets in one clock hour, over the open days of the log.
struct HourFit {
  double tickets = 0.0;
  double open_minutes = 0.0;  ///< open minutes of that hour, summed over the open days
  Estimate per_open_hour;     ///< tickets per open hour (the hourly_profile weight)
};

/// Tickets on one weekday (Monday = 0).
struct WeekdayFit {
  std::size_t open_days = 0;
  std::size_t closed_days = 0;  ///< days of that weekday in the log with no ticket
  double tickets = 0.0;
  Estimate per_day;
  Estimate factor;  ///< per_day / daily_visits
};

struct DomainFit {
  std::uint32_t domain = 0;  ///< index in TicketLog::domains
  std::size_t tickets = 0;
  Estimate share;                    ///< of all tickets
  std::vector<double> sample;        ///< service minutes of served tickets, in log order
  std::optional<SampleFit> service;  ///< absent with fewer than 2 distinct positive times
};

struct CounterFit {
  std::string id;
  std::map<std::uint32_t, std::size_t> calls;  ///< domain -> calls answered there
  std::vector<std::uint32_t> own, overflow;    ///< overflow: only called when no own ticket waits
  std::size_t days_seen = 0;
};

struct OfficerFit {
  std::string name;
  std::uint32_t counter = 0;  ///< the counter where the officer answered most calls
  std::size_t calls = 0;
  std::size_t days_seen = 0;
};

struct PatienceFit {
  std::size_t reneged = 0;   ///< exact times (gave up)
  std::size_t censored = 0;  ///< still waiting when called, or sent home unserved
  std::size_t unknown = 0;   ///< unserved tickets whose waiting time the log cannot tell
  double time_at_risk = 0.0;
  std::optional<Estimate> mean;  ///< exponential mean; absent when nobody gave up
};

/// Sessions of a day as [open, close) minutes after midnight, on 15-minute boundaries.
using DaySessions = std::vector<std::pair<int, int>>;

struct WardFit {
  std::string log_path;
  std::size_t rows = 0, kept = 0;
  std::map<std::string, std::size_t> dropped;
  std::uint64_t replications = 1;
  std::int64_t first_day = 0, last_day = 0;  ///< days since 1970-01-01
  std::size_t open_days = 0;                 ///< (replication, date) pairs with tickets
  std::vector<std::string> domain_ids, domain_names;
  std::array<DaySessions, 3> sessions;     ///< Monday-Friday, Saturday, Sunday
  std::vector<std::int64_t> closed_dates;  ///< weekdays that usually open but had no ticket
  Estimate daily_visits;
  std::array<WeekdayFit, 7> weekdays;
  std::array<HourFit, 24> hours;
  std::vector<DomainFit> domains;  ///< domains with tickets, catalogue order
  PatienceFit patience;
  std::optional<Estimate> priority_share;
  std::vector<CounterFit> counters;
  std::vector<OfficerFit> officers;  ///< empty when the log names no officers
  // What the log shows happened, for the report and for comparing runs with the log.
  std::size_t served = 0, reneged = 0, unserved = 0;
  Estimate wait_mean;  ///< minutes from ticket to first call, served tickets
};

/// Fits everything from a read log.
WardFit fit_ward(const TicketLog& log);

/// Weekday (Monday = 0) of a day counted from 1970-01-01 (a Thursday).
unsigned weekday_of(std::int64_t day);

}  // namespace sim::fit
