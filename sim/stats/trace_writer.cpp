// Writes traced visits as CSV: the layout `motcua fit` reads (docs/output-schema.md#trace).
#include "sim/stats/trace_writer.hpp"

#include <cmath>
#include <cstdio>
#include <ostream>

namespace sim::stats {

namespace {

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char ch : text) {
    if (ch == '"') quoted += '"';
    quoted += ch;
  }
  return quoted + '"';
}

std::string label(const std::vector<std::string>& names, std::uint32_t i) {
  return i < names.size() ? csv_field(names[i]) : std::string();
}

/// "HH:MM:SS" of a time, to the nearest second.
std::string clock_of(double minutes) {
  const auto s = static_cast<long long>(std::llround(minutes * 60.0)) % 86400;
  char text[48];
  std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return text;
}

}  // namespace

TraceLabels TraceLabels::of(const model::CenterParams& center) {
  TraceLabels labels;
  for (const auto& p : center.procedures) labels.procedures.push_back(p.id);
  for (const auto& d : center.domains) labels.domains.push_back(d.id);
  for (const auto& c : center.counters) labels.counters.push_back(c.id);
  for (const auto& s : center.staff) labels.staff.push_back(s.name);
  if (center.calendar) labels.start = center.calendar->start;
  return labels;
}

std::string format_trace_time(double minutes, model::Date start) {
  if (std::isnan(minutes)) return {};
  const long long seconds = std::llround(minutes * 60.0);
  const model::Date date{std::chrono::sys_days(start) + std::chrono::days(seconds / 86400)};
  char text[40];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %s", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                clock_of(minutes).c_str());
  return text;
}

void write_trace_header(std::ostream& out) {
  out << "replication,citizen,visit,channel,priority,procedure,domain,service,arrival,ticket,"
         "calls,service_start,service_end,counter,officer,outcome,left,returns\n";
}

void write_trace_rows(std::ostream& out, std::uint64_t replication,
                      const std::vector<TraceRow>& rows, const TraceLabels& labels) {
  for (const auto& r : rows) {
    std::string calls;
    for (const auto& [t, k] : r.calls) {
      if (!calls.empty()) calls += ';';
      calls += clock_of(t) + '@' + (k < labels.counters.size() ? labels.counters[k] : "");
    }
    out << replication << ',' << r.citizen << ',' << r.visit << ','
        << (r.online ? "online" : "in_person") << ',' << (r.priority ? 1 : 0) << ','
        << label(labels.procedures, r.procedure) << ',' << label(labels.domains, r.domain) << ','
        << label(labels.domains, r.service) << ',' << format_trace_time(r.arrival, labels.start)
        << ',' << format_trace_time(r.ticket, labels.start) << ',' << csv_field(calls) << ','
        << format_trace_time(r.service_start, labels.start) << ','
        << format_trace_time(r.service_end, labels.start) << ','
        << label(labels.counters, r.counter) << ',' << label(labels.staff, r.staff) << ','
        << outcome_name(r.outcome) << ',' << format_trace_time(r.left, labels.start) << ','
        << (r.returns ? 1 : 0) << '\n';
  }
}

}  // namespace sim::stats
