// Writes a fitted ward as a commented scenario and its catalogue, in the project's format.
#include "sim/fit/scenario_writer.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <sstream>

namespace sim::fit {

namespace {

constexpr std::array<const char*, 7> weekday_names = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                      "Friday", "Saturday", "Sunday"};

std::string num(double x, int digits = 4) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, x);
  std::string s = text;
  // TOML needs a digit after the point and accepts no bare exponent form like "1e+02" for
  // integers-as-floats in every reader; keep plain decimals.
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

std::string interval(const Estimate& e, int digits = 4) {
  return "95 % CI [" + num(e.low, digits) + ", " + num(e.high, digits) + "]";
}

std::string clock(int minutes) {
  char text[32];
  std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60, minutes % 60);
  return text;
}

std::string sessions(const DaySessions& day) {
  std::string out = "[";
  for (const auto& [open, close] : day) {
    if (out.size() > 1) out += ", ";
    out += "\"" + clock(open) + "-" + clock(close) + "\"";
  }
  return out + "]";
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "\"";
}

std::string service_table(const DomainFit& d, const WardFit& fit) {
  if (!d.service) {
    double sum = 0.0;
    for (double x : d.sample) sum += x;
    const double mean =
        d.sample.empty() ? 5.0 : std::max(sum / static_cast<double>(d.sample.size()), 0.1);
    return "{ type = \"exponential\", mean = " + num(mean) + " }";
  }
  (void)fit;
  const auto& f = d.service->fits[d.service->best];
  switch (f.family) {
    case Family::exponential:
      return "{ type = \"exponential\", mean = " + num(f.params[0].value) + " }";
    case Family::gamma:
      return "{ type = \"gamma\", shape = " + num(f.params[0].value) +
             ", scale = " + num(f.params[1].value) + " }";
    case Family::lognormal: {
      const double sigma = f.params[1].value;
      return "{ type = \"lognormal\", median = " + num(std::exp(f.params[0].value)) +
             ", cv = " + num(std::sqrt(std::expm1(sigma * sigma))) + " }";
    }
  }
  return "";
}

void service_comments(std::ostringstream& out, const DomainFit& d) {
  if (!d.service) {
    out << "# ASSUMPTION: " << d.sample.size()
        << " served ticket(s): too few to fit; exponential with their mean (5 min if none).\n";
    return;
  }
  const auto& s = *d.service;
  out << "# Service minutes: " << s.n << " served tickets (" << s.zeros
      << " of zero length left out); sample mean " << num(s.mean.value) << " " << interval(s.mean)
      << ".\n# Chosen by AIC:";
  for (const auto& f : s.fits) out << " " << family_name(f.family) << " " << num(f.aic, 7) << ";";
  const auto& f = s.fits[s.best];
  out << "\n# " << family_name(f.family) << ": Kolmogorov-Smirnov D = " << num(f.ks, 3)
      << " (p = " << num(f.ks_p, 2) << ", conservative: parameters fitted)";
  switch (f.family) {
    case Family::exponential:
      out << "; mean " << interval(f.params[0]);
      break;
    case Family::gamma:
      out << "; shape " << interval(f.params[0]) << ", scale " << interval(f.params[1]);
      break;
    case Family::lognormal:
      out << "; median "
          << "95 % CI [" << num(std::exp(f.params[0].low)) << ", "
          << num(std::exp(f.params[0].high)) << "], log-sd " << interval(f.params[1]);
      break;
  }
  out << ".\n";
}

std::string catalogue_text(const WardFit& fit) {
  std::ostringstream out;
  out << "# Catalogue fitted by `motcua fit` from " << fit.log_path
      << ": one procedure per service (domain) of the log.\n"
         "# The log says nothing of deadlines or back-office work: every procedure is\n"
         "# information-only (dossier = false). Add them from scenarios/catalogue/commune.toml.\n";
  for (const auto& d : fit.domains) {
    out << "\n[[domains]]\nid = " << quoted(fit.domain_ids[d.domain])
        << "\nname = " << quoted(fit.domain_names[d.domain]) << "\n";
  }
  double total = 0.0;
  for (const auto& d : fit.domains) total += static_cast<double>(d.tickets);
  for (const auto& d : fit.domains) {
    const auto& id = fit.domain_ids[d.domain];
    out << "\n[[procedures]]\nid = " << quoted(id)
        << "\nname = " << quoted("Every " + id + " ticket") << "\ndomain = " << quoted(id) << "\n";
    char share[32];
    std::snprintf(share, sizeof share, "%.12f", static_cast<double>(d.tickets) / total);
    out << "share = " << share << "   # " << d.tickets << " of " << total << " tickets, "
        << interval(d.share, 3) << "\n";
    service_comments(out, d);
    out << "service = " << service_table(d, fit) << "\n";
    out << "deadline_working_days = 0   # not in a ticket log\ndossier = false\n";
  }
  return out.str();
}

void header(std::ostringstream& out, const WardFit& fit, const std::string& name,
            const std::string& catalogue) {
  std::size_t dropped = 0;
  for (const auto& [why, n] : fit.dropped) dropped += n;
  out << "# " << name << "\n# Fitted by `motcua fit` from " << fit.log_path << ": " << fit.rows
      << " rows, " << fit.kept << " tickets kept, " << dropped << " rows dropped";
  for (const auto& [why, n] : fit.dropped) out << "; " << n << " " << why;
  out << ".\n# Log from " << vn_date(fit.first_day) << " to " << vn_date(fit.last_day) << ", "
      << fit.open_days << " open days" << (fit.replications > 1 ? " (over replications)" : "")
      << ". Every fitted value has its 95 % interval and sample size\n"
         "# in the comment next to it; the fit report shows how well each distribution fits.\n"
         "# Not in a ticket log, so left at the defaults: online filings, incomplete dossiers,\n"
         "# wrong kiosk picks, absences, staff speeds, back-office work, software failures.\n\n"
      << "[scenario]\nname = " << quoted(name)
      << "\ndescription = " << quoted("Fitted by motcua fit from " + fit.log_path)
      << "\ncatalogue = " << quoted(catalogue)
      << "   # one procedure per service of the log\n\n[run]\nreplications = 20\nseed = 1\n"
      << "start_date = " << iso_date(fit.first_day)
      << "   # the log's first day\ndays = " << fit.last_day - fit.first_day + 1
      << "   # the log's span\n\n";
}

void hours(std::ostringstream& out, const WardFit& fit) {
  out << "[hours]\n# Quarter hours in which tickets were issued (5 % of a typical quarter hour's "
         "tickets\n"
         "# or more). Tickets run to each day's last close; set ticket_stop if the machine stops "
         "earlier.\n"
      << "weekday = " << sessions(fit.sessions[0]) << "\nsaturday = " << sessions(fit.sessions[1])
      << "\nsunday = " << sessions(fit.sessions[2]) << "\n";
  if (!fit.closed_dates.empty()) {
    out << "extra_holidays = [";
    for (std::size_t i = 0; i < fit.closed_dates.size(); ++i)
      out << (i ? ", " : "") << iso_date(fit.closed_dates[i]);
    out << "]   # working weekdays of the log without a single ticket\n";
  }
  out << "\n";
}

void demand(std::ostringstream& out, const WardFit& fit) {
  out << "[demand]\ndaily_visits = " << num(fit.daily_visits.value, 5)
      << "   # tickets per open Monday-Friday, " << interval(fit.daily_visits) << "\n";
  out << "weekday_factors = [";
  for (unsigned w = 0; w < 7; ++w) {
    const auto& wd = fit.weekdays[w];
    out << (w ? ", " : "") << num(wd.open_days ? wd.factor.value : 0.0);
  }
  out << "]\n";
  for (unsigned w = 0; w < 7; ++w) {
    const auto& wd = fit.weekdays[w];
    out << "#   " << weekday_names[w] << ": ";
    if (wd.open_days == 0) {
      out << "no ticket (closed)\n";
      continue;
    }
    out << num(wd.per_day.value, 5) << " tickets a day " << interval(wd.per_day) << ", "
        << wd.open_days << " days, " << wd.tickets << " tickets; factor " << interval(wd.factor, 3)
        << "\n";
  }
  if (fit.priority_share)
    out << "priority_share = " << num(fit.priority_share->value) << "   # "
        << interval(*fit.priority_share, 3) << ", " << fit.kept << " tickets\n";
  const auto& p = fit.patience;
  if (p.mean) {
    out << "patience = { type = \"exponential\", mean = " << num(p.mean->value)
        << " }\n# Censored maximum likelihood: " << p.reneged << " gave up (exact), " << p.censored
        << " were called or sent home first (patience longer than their wait), " << p.unknown
        << " unknown;\n# " << num(p.time_at_risk, 7) << " minutes at risk; mean "
        << interval(*p.mean) << ".\n";
  } else {
    out << "# No ticket was abandoned in the log: patience left unlimited (" << p.censored
        << " waits seen).\n";
  }
  out << "\n[demand.hourly_profile]   # tickets per open hour of each clock hour (a day's "
         "pattern)\n";
  for (int h = 0; h < 24; ++h) {
    const auto& hf = fit.hours[h];
    if (hf.open_minutes == 0.0) continue;
    char key[32];
    std::snprintf(key, sizeof key, "\"%02d\"", h);
    out << key << " = " << num(hf.per_open_hour.value) << "   # " << interval(hf.per_open_hour)
        << ", " << hf.tickets << " tickets in " << num(hf.open_minutes / 60.0, 5)
        << " open hours\n";
  }
  out << "\n[policy]\nmax_visits = 1   # the log's tickets already include those who came back\n\n";
}

void layout(std::ostringstream& out, const WardFit& fit) {
  auto names = [&](const std::vector<std::uint32_t>& ds) {
    std::string s = "[";
    for (std::size_t i = 0; i < ds.size(); ++i)
      s += (i ? ", " : "") + quoted(fit.domain_ids[ds[i]]);
    return s + "]";
  };
  for (const auto& c : fit.counters) {
    std::size_t total = 0;
    for (const auto& [d, n] : c.calls) total += n;
    out << "[[counters]]\nid = " << quoted(c.id) << "\n# " << total << " calls on " << c.days_seen
        << " of " << fit.open_days << " open days:";
    for (const auto& [d, n] : c.calls) out << " " << fit.domain_ids[d] << " " << n << ";";
    out << "\n# overflow: domains it called while another of its domains waited at most a tenth as "
           "often\n# as the reverse (a counter calls its own domains first).\n";
    out << "domains = " << names(c.own) << "\n";
    if (!c.overflow.empty()) out << "overflow = " << names(c.overflow) << "\n";
    out << "\n";
  }
  if (fit.officers.empty()) {
    for (const auto& c : fit.counters)
      out << "[[staff]]\nname = " << quoted("officer at " + c.id) << "\ncounter = " << quoted(c.id)
          << "   # the log names no officers: one per counter\n\n";
  }
  for (const auto& o : fit.officers) {
    out << "[[staff]]\nname = " << quoted(o.name)
        << "\ncounter = " << quoted(fit.counters[o.counter].id) << "   # " << o.calls
        << " calls, seen on " << o.days_seen << " of " << fit.open_days << " open days\n\n";
  }
}

}  // namespace

std::string iso_date(std::int64_t day) {
  const std::chrono::year_month_day d{std::chrono::sys_days(std::chrono::days(day))};
  char text[48];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return text;
}

std::string vn_date(std::int64_t day) {
  const std::string iso = iso_date(day);
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

FittedFiles write_fitted_scenario(const WardFit& fit, const std::string& name,
                                  const std::string& catalogue_name) {
  std::ostringstream out;
  header(out, fit, name, catalogue_name);
  hours(out, fit);
  demand(out, fit);
  layout(out, fit);
  return {out.str(), catalogue_text(fit)};
}

}  // namespace sim::fit
