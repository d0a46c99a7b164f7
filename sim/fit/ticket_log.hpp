// A ticket-machine export read into kept tickets, with the rows dropped and why (docs/fit.md).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "sim/model/center_params.hpp"

namespace sim::fit {

inline constexpr double no_time = std::numeric_limits<double>::quiet_NaN();
inline constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

/// What the log says became of a ticket.
enum class TicketFate : std::uint8_t {
  served,    ///< served at a counter
  reneged,   ///< gave up waiting (outcome "reneged", or never called in a log without outcomes)
  unserved,  ///< left unserved for another reason (sent home at closing, incomplete...)
};

/// One kept ticket. Times are minutes since 1970-01-01 00:00 (local clock of the export).
struct LogTicket {
  std::uint32_t line = 0;         ///< line in the file
  std::uint64_t replication = 0;  ///< 0 when the log has no replication column
  std::int64_t day = 0;           ///< days since 1970-01-01 of the ticket
  double ticket = no_time;
  double first_call = no_time;  ///< first call of the ticket (NaN if never called)
  double service_start = no_time;
  double service_end = no_time;
  double left = no_time;         ///< when the citizen left, if the log says
  std::uint32_t service = none;  ///< domain index in TicketLog::domains
  std::uint32_t counter = none;  ///< index in TicketLog::counters
  std::uint32_t officer = none;  ///< index in TicketLog::officers
  int priority = -1;             ///< 1 priority class, 0 regular, -1 not in the log
  TicketFate fate = TicketFate::served;
};

/// The standard column names of the log layout and, per name, the header used in this file.
struct ColumnMap {
  std::map<std::string, std::string> header_of;  ///< standard name -> file header
  /// The header for a standard name (the name itself unless mapped).
  std::string header(const std::string& name) const;
  /// Parses "name=Header" (from --column), throwing std::invalid_argument on a bad one.
  void add(const std::string& assignment);
};

/// The standard columns: the first five are required, the rest optional.
const std::vector<std::string>& required_columns();
const std::vector<std::string>& optional_columns();

struct TicketLog {
  std::string path;
  std::vector<model::DomainParams> domains;  ///< the catalogue's domains (services map to them)
  std::vector<std::string> counters;         ///< as first seen in the log
  std::vector<std::string> officers;
  std::vector<LogTicket> tickets;
  std::size_t rows = 0;                        ///< data rows read
  std::map<std::string, std::size_t> dropped;  ///< reason -> rows not used
  bool has_outcome = false, has_priority = false, has_officer = false, has_left = false;
};

/// Reads a log. Every problem (missing column, unreadable time, a call before the ticket, an
/// end before its start, an unknown service, an empty file) is collected with file, line and
/// column, and thrown together as a scenario::InputError. `domains` are the catalogue's: a
/// service must be a domain id or name.
TicketLog read_ticket_log(const std::string& path, const ColumnMap& columns,
                          const std::vector<model::DomainParams>& domains);

/// Parses "YYYY-MM-DD HH:MM[:SS[.fff]]" (or with a 'T'), or "DD/MM/YYYY HH:MM[:SS]", into
/// minutes since 1970-01-01; NaN when the text is not such a time.
double parse_log_time(const std::string& text);

}  // namespace sim::fit
