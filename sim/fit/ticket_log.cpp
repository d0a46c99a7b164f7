// A ticket-machine export read into kept tickets, with the rows dropped and why (docs/fit.md).
#include "sim/fit/ticket_log.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/scenario/csv_table.hpp"
#include "sim/scenario/input_error.hpp"

namespace sim::fit {

namespace {

using scenario::Problem;

/// Index of a label in a list, appending it when new.
std::uint32_t intern(std::vector<std::string>& labels, const std::string& label) {
  for (std::size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == label) return static_cast<std::uint32_t>(i);
  labels.push_back(label);
  return static_cast<std::uint32_t>(labels.size() - 1);
}

/// Where each standard column sits in the file (none when absent).
struct Layout {
  std::map<std::string, std::size_t> at;
  std::size_t index(const std::string& name) const {
    const auto it = at.find(name);
    return it == at.end() ? std::size_t(-1) : it->second;
  }
};

/// Reads one row; problems name the file, line and column.
class RowReader {
 public:
  RowReader(TicketLog& log, const Layout& layout, const scenario::CsvTable& table,
            std::vector<Problem>& problems)
      : log_(log), layout_(layout), table_(table), problems_(problems) {}

  void read(const scenario::CsvRow& row) {
    row_ = &row;
    const auto field = [&](const std::string& name) -> std::string {
      const auto i = layout_.index(name);
      return i < row.fields.size() ? row.fields[i] : std::string();
    };
    if (const auto ch = field("channel"); !ch.empty() && ch != "in_person") {
      ++log_.dropped["online dossier (no ticket)"];
      return;
    }
    if (field("ticket").empty()) {
      ++log_.dropped["no ticket (left before taking one)"];
      return;
    }
    const std::size_t before = problems_.size();
    LogTicket t;
    t.line = row.line;
    t.ticket = time_of("ticket", field("ticket"));
    t.service_start = time_of("service_start", field("service_start"));
    t.service_end = time_of("service_end", field("service_end"));
    t.left = time_of("left", field("left"));
    t.service = service_of(field("service"));
    t.first_call = first_call(field("calls"), t.ticket, t.service_start);
    if (const auto rep = field("replication"); !rep.empty()) t.replication = number_of(rep);
    if (const auto p = field("priority"); !p.empty()) t.priority = p == "1" ? 1 : 0;
    if (const auto c = field("counter"); !c.empty()) t.counter = intern(log_.counters, c);
    if (const auto o = field("officer"); !o.empty()) t.officer = intern(log_.officers, o);
    t.fate = fate_of(field("outcome"), t);
    check_order(t);
    if (problems_.size() != before) return;
    t.day = static_cast<std::int64_t>(std::floor(t.ticket / 1440.0));
    log_.tickets.push_back(t);
  }

 private:
  void problem(const std::string& column, const std::string& message) {
    const std::size_t i = layout_.index(column);
    const std::string where = "column " + std::to_string(i + 1) + " (" + table_.columns[i] + ")";
    problems_.push_back({log_.path, row_->line, where, message});
  }

  double time_of(const std::string& column, const std::string& text) {
    if (text.empty()) return no_time;
    const double t = parse_log_time(text);
    if (std::isnan(t))
      problem(column, "expected a time like 2025-09-08 07:43:12 or 08/09/2025 07:43:12, got '" +
                          text + "'");
    return t;
  }

  std::uint64_t number_of(const std::string& text) {
    try {
      std::size_t used = 0;
      const auto n = std::stoull(text, &used);
      if (used == text.size()) return n;
    } catch (const std::exception&) {
    }
    problem("replication", "expected a whole number, got '" + text + "'");
    return 0;
  }

  std::uint32_t service_of(const std::string& text) {
    for (std::size_t d = 0; d < log_.domains.size(); ++d)
      if (text == log_.domains[d].id || text == log_.domains[d].name)
        return static_cast<std::uint32_t>(d);
    problem("service", "unknown service '" + text +
                           "' (not a domain id or name of the catalogue; see --catalogue)");
    return none;
  }

  /// The first call: from the `calls` column ("HH:MM:SS@counter;...", same day as the last
  /// call) when the log has one, else the service start.
  double first_call(const std::string& calls, double ticket, double start) {
    if (calls.empty() || std::isnan(start)) return start;
    int h = 0, m = 0, s = 0;
    if (std::sscanf(calls.c_str(), "%d:%d:%d", &h, &m, &s) != 3) {
      problem("calls",
              "expected calls like 07:43:12@counter;08:01:00@counter, got '" + calls + "'");
      return start;
    }
    const double call = std::floor(start / 1440.0) * 1440.0 + h * 60.0 + m + s / 60.0;
    return call >= ticket && call <= start ? call : start;
  }

  TicketFate fate_of(const std::string& outcome, const LogTicket& t) {
    if (!log_.has_outcome)
      return std::isnan(t.service_end) ? TicketFate::reneged : TicketFate::served;
    if (outcome == "served") return TicketFate::served;
    if (outcome == "reneged") return TicketFate::reneged;
    return TicketFate::unserved;
  }

  void check_order(const LogTicket& t) {
    if (!std::isnan(t.service_start) && t.service_start < t.ticket)
      problem("service_start", "called before the ticket was issued");
    if (!std::isnan(t.service_end) && std::isnan(t.service_start))
      problem("service_end", "a service end without a service start");
    if (!std::isnan(t.service_end) && t.service_end < t.service_start)
      problem("service_end", "service ends before it starts (times out of order)");
    if (!std::isnan(t.left) && t.left < t.ticket)
      problem("left", "left before the ticket was issued (times out of order)");
    if (!std::isnan(t.service_start) && t.counter == none)
      problem("counter", "called, but to no counter");
    if (t.fate == TicketFate::served && std::isnan(t.service_end))
      problem("service_end", "served, but the service has no end");
  }

  TicketLog& log_;
  const Layout& layout_;
  const scenario::CsvTable& table_;
  std::vector<Problem>& problems_;
  const scenario::CsvRow* row_ = nullptr;
};

}  // namespace

const std::vector<std::string>& required_columns() {
  static const std::vector<std::string> names = {"ticket", "service", "service_start",
                                                 "service_end", "counter"};
  return names;
}

const std::vector<std::string>& optional_columns() {
  static const std::vector<std::string> names = {"officer",  "outcome",     "left",   "calls",
                                                 "priority", "replication", "channel"};
  return names;
}

std::string ColumnMap::header(const std::string& name) const {
  const auto it = header_of.find(name);
  return it == header_of.end() ? name : it->second;
}

void ColumnMap::add(const std::string& assignment) {
  const auto eq = assignment.find('=');
  const std::string name = assignment.substr(0, eq);
  bool known = false;
  for (const auto* list : {&required_columns(), &optional_columns()})
    for (const auto& n : *list) known = known || n == name;
  if (eq == std::string::npos || eq + 1 == assignment.size() || !known)
    throw std::invalid_argument("--column '" + assignment +
                                "': expected NAME=HEADER with NAME one of ticket, service, "
                                "service_start, service_end, counter, officer, outcome, left, "
                                "calls, priority, replication, channel");
  header_of[name] = assignment.substr(eq + 1);
}

double parse_log_time(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, used = 0;
  double s = 0.0;
  char sep = 0;
  bool ok =
      std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &used) == 6 &&
      (sep == ' ' || sep == 'T');
  if (!ok) {
    ok = std::sscanf(text.c_str(), "%2d/%2d/%4d %2d:%2d%n", &d, &mo, &y, &h, &mi, &used) == 5;
  }
  if (!ok) return no_time;
  std::string rest = text.substr(static_cast<std::size_t>(used));
  if (!rest.empty()) {
    int n = 0;
    if (rest[0] != ':' || std::sscanf(rest.c_str() + 1, "%lf%n", &s, &n) != 1 ||
        static_cast<std::size_t>(n) + 1 != rest.size() || s < 0.0 || s >= 60.0)
      return no_time;
  }
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month(mo),
                                         std::chrono::day(d)};
  if (!date.ok() || h < 0 || h > 23 || mi < 0 || mi > 59) return no_time;
  const auto days = std::chrono::sys_days(date).time_since_epoch().count();
  return static_cast<double>(days) * 1440.0 + h * 60.0 + mi + s / 60.0;
}

TicketLog read_ticket_log(const std::string& path, const ColumnMap& columns,
                          const std::vector<model::DomainParams>& domains) {
  std::vector<Problem> problems;
  scenario::CsvTable table;
  scenario::read_csv(path, {}, table, problems);
  if (!problems.empty()) throw scenario::InputError(problems);
  TicketLog log;
  log.path = path;
  log.domains = domains;
  Layout layout;
  for (const auto* list : {&required_columns(), &optional_columns()}) {
    for (const auto& name : *list) {
      const auto header = columns.header(name);
      for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == header) layout.at[name] = i;
    }
  }
  for (const auto& name : required_columns())
    if (!layout.at.count(name))
      problems.push_back({path, 1, "column " + columns.header(name),
                          "missing required column (the log needs ticket, service, "
                          "service_start, service_end and counter; map other names with "
                          "--column NAME=HEADER)"});
  if (!problems.empty()) throw scenario::InputError(problems);
  if (table.rows.empty()) throw scenario::InputError({{path, 1, "", "no data rows (empty log)"}});
  log.has_outcome = layout.at.count("outcome") > 0;
  log.has_priority = layout.at.count("priority") > 0;
  log.has_officer = layout.at.count("officer") > 0;
  log.has_left = layout.at.count("left") > 0;
  RowReader reader(log, layout, table, problems);
  for (const auto& row : table.rows) {
    ++log.rows;
    reader.read(row);
    if (problems.size() >= 50) break;  // enough to see what is wrong
  }
  if (!problems.empty()) throw scenario::InputError(problems);
  if (log.tickets.empty())
    throw scenario::InputError({{path, 1, "", "no ticket in the log (every row was dropped)"}});
  return log;
}

}  // namespace sim::fit
