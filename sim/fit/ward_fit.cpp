// Fits a ward's demand, service, patience, hours and staffing from its ticket log.
#include "sim/fit/ward_fit.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace sim::fit {

namespace {

constexpr int slot_min = 15;  // sessions are found on quarter-hour slots
constexpr int slots = 24 * 60 / slot_min;

using DayKey = std::pair<std::uint64_t, std::int64_t>;  // (replication, day)

/// 0 Monday-Friday, 1 Saturday, 2 Sunday.
int group_of(unsigned weekday) { return weekday < 5 ? 0 : static_cast<int>(weekday) - 4; }

double minute_of_day(double t) { return t - std::floor(t / 1440.0) * 1440.0; }

/// Sessions from a quarter-hour histogram of tickets: runs of slots holding at least 5 % of the
/// mean count of the non-empty slots (stray tickets, e.g. one handed out at lunch, do not open
/// a slot).
DaySessions sessions_of(const std::array<double, slots>& counts) {
  double total = 0.0, nonempty = 0.0;
  for (double c : counts) total += c, nonempty += c > 0 ? 1.0 : 0.0;
  DaySessions out;
  if (nonempty == 0.0) return out;
  const double threshold = std::max(1.0, 0.05 * total / nonempty);
  for (int s = 0; s < slots; ++s) {
    if (counts[s] < threshold) continue;
    if (!out.empty() && out.back().second == s * slot_min) {
      out.back().second += slot_min;
    } else {
      out.emplace_back(s * slot_min, (s + 1) * slot_min);
    }
  }
  return out;
}

void fit_calendar(const TicketLog& log, WardFit& fit, std::map<DayKey, double>& per_day) {
  std::array<std::array<double, slots>, 3> hist{};
  fit.first_day = fit.last_day = log.tickets.front().day;
  std::set<std::uint64_t> reps;
  for (const auto& t : log.tickets) {
    per_day[{t.replication, t.day}] += 1.0;
    reps.insert(t.replication);
    fit.first_day = std::min(fit.first_day, t.day);
    fit.last_day = std::max(fit.last_day, t.day);
    hist[group_of(weekday_of(t.day))][static_cast<int>(minute_of_day(t.ticket)) / slot_min] += 1.0;
  }
  fit.replications = reps.size();
  fit.open_days = per_day.size();
  for (int g = 0; g < 3; ++g) fit.sessions[g] = sessions_of(hist[g]);
  // Days of each weekday in the span, open or not (every replication covers the same dates).
  std::array<std::size_t, 7> seen{};
  for (std::int64_t d = fit.first_day; d <= fit.last_day; ++d) seen[weekday_of(d)] += reps.size();
  for (const auto& [key, n] : per_day) ++fit.weekdays[weekday_of(key.second)].open_days;
  for (unsigned w = 0; w < 7; ++w) {
    auto& wd = fit.weekdays[w];
    wd.closed_days = seen[w] - wd.open_days;
    // A weekday that opens on most of its dates is a working weekday; its dates without any
    // ticket are closed days (holidays) of the log.
    if (2 * wd.open_days <= seen[w]) continue;
    for (std::int64_t d = fit.first_day; d <= fit.last_day; ++d) {
      const bool open = std::any_of(reps.begin(), reps.end(), [&](std::uint64_t r) {
        return per_day.count({r, d}) > 0;
      });
      if (weekday_of(d) == w && !open) fit.closed_dates.push_back(d);
    }
  }
  std::sort(fit.closed_dates.begin(), fit.closed_dates.end());
}

void fit_demand(const TicketLog& log, WardFit& fit, const std::map<DayKey, double>& per_day) {
  for (const auto& [key, n] : per_day) fit.weekdays[weekday_of(key.second)].tickets += n;
  double weekday_tickets = 0.0, weekday_days = 0.0;
  for (unsigned w = 0; w < 5; ++w)
    weekday_tickets += fit.weekdays[w].tickets, weekday_days += fit.weekdays[w].open_days;
  if (weekday_days == 0.0) {  // a log of weekends only: the base is every open day
    weekday_tickets = static_cast<double>(log.tickets.size());
    weekday_days = static_cast<double>(fit.open_days);
  }
  fit.daily_visits = poisson_rate(weekday_tickets, weekday_days);
  for (auto& wd : fit.weekdays) {
    if (wd.open_days == 0) continue;
    wd.per_day = poisson_rate(wd.tickets, static_cast<double>(wd.open_days));
    const double base = fit.daily_visits.value;
    wd.factor = {wd.per_day.value / base, wd.per_day.se / base, wd.per_day.low / base,
                 wd.per_day.high / base};
  }
  // Hourly intensity per open minute: tickets in the hour over the open minutes of that hour.
  for (const auto& t : log.tickets)
    fit.hours[static_cast<int>(minute_of_day(t.ticket)) / 60].tickets += 1.0;
  std::array<double, 3> days_of_group{};
  for (unsigned w = 0; w < 7; ++w) days_of_group[group_of(w)] += fit.weekdays[w].open_days;
  for (int g = 0; g < 3; ++g) {
    for (const auto& [open, close] : fit.sessions[g]) {
      for (int m = open; m < close; m += slot_min)
        fit.hours[m / 60].open_minutes += slot_min * days_of_group[g];
    }
  }
  for (auto& h : fit.hours) {
    if (h.open_minutes > 0.0) h.per_open_hour = poisson_rate(h.tickets, h.open_minutes / 60.0);
  }
  if (log.has_priority) {
    double priority = 0.0;
    for (const auto& t : log.tickets) priority += t.priority == 1 ? 1.0 : 0.0;
    fit.priority_share = proportion(priority, static_cast<double>(log.tickets.size()));
  }
}

void fit_service(const TicketLog& log, WardFit& fit) {
  std::vector<DomainFit> by_domain(log.domains.size());
  double waits = 0.0, wait_ss = 0.0;
  for (const auto& t : log.tickets) {
    auto& d = by_domain[t.service];
    d.domain = t.service;
    ++d.tickets;
    if (t.fate == TicketFate::served) {
      d.sample.push_back(t.service_end - t.service_start);
      const double w = t.first_call - t.ticket;
      waits += w, wait_ss += w * w;
      ++fit.served;
    } else {
      ++(t.fate == TicketFate::reneged ? fit.reneged : fit.unserved);
    }
  }
  const double n = static_cast<double>(fit.served);
  if (n > 1) {
    const double mean = waits / n;
    const double se = std::sqrt(std::max(0.0, wait_ss / n - mean * mean) / (n - 1.0));
    fit.wait_mean = {mean, se, mean - 1.96 * se, mean + 1.96 * se};
  }
  const double total = static_cast<double>(log.tickets.size());
  for (auto& d : by_domain) {
    if (d.tickets == 0) continue;
    d.share = proportion(static_cast<double>(d.tickets), total);
    try {
      d.service = fit_sample(d.sample);
    } catch (const std::invalid_argument&) {
      // Too few served tickets: the scenario writer uses the mean alone (see docs/fit.md).
    }
    fit.domains.push_back(std::move(d));
  }
}

/// For a ticket never called in a log without a `left` time: when its number came up, i.e.
/// the first call of a later ticket of the same service that day (ticket machines skip absent
/// numbers then); NaN when no later ticket of that service was called.
double skipped_at(const std::vector<const LogTicket*>& same_service, const LogTicket& t) {
  for (const auto* other : same_service)
    if (other->ticket > t.ticket && !std::isnan(other->first_call)) return other->first_call;
  return no_time;
}

void fit_patience(const TicketLog& log, WardFit& fit) {
  std::map<std::tuple<std::uint64_t, std::int64_t, std::uint32_t>, std::vector<const LogTicket*>>
      queues;
  for (const auto& t : log.tickets) queues[{t.replication, t.day, t.service}].push_back(&t);
  for (auto& [key, q] : queues)
    std::sort(q.begin(), q.end(), [](auto* a, auto* b) { return a->ticket < b->ticket; });
  auto& p = fit.patience;
  for (const auto& t : log.tickets) {
    double time = t.first_call;  // called: patience outlasted the wait (censored)
    bool event = false;
    if (std::isnan(time)) {
      time =
          !std::isnan(t.left) ? t.left : skipped_at(queues[{t.replication, t.day, t.service}], t);
      event = t.fate == TicketFate::reneged;
    }
    if (std::isnan(time)) {
      ++p.unknown;
      continue;
    }
    p.time_at_risk += time - t.ticket;
    ++(event ? p.reneged : p.censored);
  }
  if (p.reneged > 0)
    p.mean = censored_exponential_mean(static_cast<double>(p.reneged), p.time_at_risk);
}

/// (counter, d, e) -> calls at the counter of a d ticket while an e ticket (e a domain the
/// counter also calls) was waiting: issued, not yet called, not yet gone.
std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::size_t> count_bypasses(
    const TicketLog& log, const WardFit& fit) {
  std::map<DayKey, std::vector<const LogTicket*>> days;
  for (const auto& t : log.tickets) days[{t.replication, t.day}].push_back(&t);
  std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, std::size_t> out;
  for (const auto& [key, tickets] : days) {
    for (const auto* a : tickets) {
      if (a->counter == none || std::isnan(a->service_start)) continue;
      const auto& calls = fit.counters[a->counter].calls;
      for (const auto* b : tickets) {
        if (b->service == a->service || !calls.count(b->service) || b->ticket >= a->service_start)
          continue;
        const double gone = !std::isnan(b->first_call) ? b->first_call : b->left;
        if (gone > a->service_start) ++out[{a->counter, a->service, b->service}];
      }
    }
  }
  return out;
}

void fit_staffing(const TicketLog& log, WardFit& fit) {
  fit.counters.resize(log.counters.size());
  std::vector<std::set<DayKey>> counter_days(log.counters.size());
  std::vector<std::set<DayKey>> officer_days(log.officers.size());
  std::vector<std::map<std::uint32_t, std::size_t>> officer_counters(log.officers.size());
  for (const auto& t : log.tickets) {
    if (t.counter == none) continue;
    ++fit.counters[t.counter].calls[t.service];
    counter_days[t.counter].insert({t.replication, t.day});
    if (t.officer == none) continue;
    officer_days[t.officer].insert({t.replication, t.day});
    ++officer_counters[t.officer][t.counter];
  }
  const auto bypassed = count_bypasses(log, fit);
  for (std::size_t k = 0; k < fit.counters.size(); ++k) {
    auto& c = fit.counters[k];
    c.id = log.counters[k];
    c.days_seen = counter_days[k].size();
    // A counter calls its own domains first and the overflow ones only when no own ticket
    // waits. So a domain it (almost) never called while another of its domains waited, but
    // which waited itself while another was called, is overflow; the others are its own.
    // "Almost": up to a tenth as often, for the noise of re-ticketed wrong picks, whose wait
    // counts from their first ticket in another queue.
    for (const auto& [d, n] : c.calls) {
      std::size_t called_over = 0, passed_over = 0;
      for (const auto& [e, m] : c.calls) {
        called_over += bypassed.count({k, d, e}) ? bypassed.at({k, d, e}) : 0;
        passed_over += bypassed.count({k, e, d}) ? bypassed.at({k, e, d}) : 0;
      }
      (passed_over > 0 && 10 * called_over <= passed_over ? c.overflow : c.own).push_back(d);
    }
  }
  // Counters in the order of their labels ("1-certification" before "2-..."), not of first call.
  std::vector<std::uint32_t> order(fit.counters.size()), rank(fit.counters.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(),
            [&](auto a, auto b) { return fit.counters[a].id < fit.counters[b].id; });
  std::vector<CounterFit> sorted;
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank[order[r]] = r;
    sorted.push_back(std::move(fit.counters[order[r]]));
  }
  fit.counters = std::move(sorted);
  for (std::size_t o = 0; o < log.officers.size(); ++o) {
    OfficerFit officer{log.officers[o], 0, 0, officer_days[o].size()};
    std::size_t most = 0;
    for (const auto& [k, n] : officer_counters[o]) {
      officer.calls += n;
      if (n > most) most = n, officer.counter = k;
    }
    officer.counter = rank[officer.counter];
    fit.officers.push_back(officer);
  }
}

}  // namespace

unsigned weekday_of(std::int64_t day) {
  // 1970-01-01 was a Thursday (Monday = 0 -> Thursday = 3).
  return static_cast<unsigned>(((day % 7) + 7 + 3) % 7);
}

WardFit fit_ward(const TicketLog& log) {
  WardFit fit;
  fit.log_path = log.path;
  fit.rows = log.rows;
  fit.kept = log.tickets.size();
  fit.dropped = log.dropped;
  for (const auto& d : log.domains)
    fit.domain_ids.push_back(d.id), fit.domain_names.push_back(d.name);
  std::map<DayKey, double> per_day;
  fit_calendar(log, fit, per_day);
  fit_demand(log, fit, per_day);
  fit_service(log, fit);
  fit_patience(log, fit);
  fit_staffing(log, fit);
  return fit;
}

}  // namespace sim::fit
