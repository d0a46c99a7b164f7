// Reading ticket logs: the documented layout, a mapped export, and bad logs named by line and
// column.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/cli/exit_codes.hpp"
#include "sim/fit/ticket_log.hpp"
#include "sim/scenario/input_error.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::fit::read_ticket_log;

namespace {

const std::vector<sim::model::DomainParams> domains = {{"civil_status", "Hộ tịch"},
                                                       {"land", "Đất đai"}};

fs::path write(const std::string& name, const std::string& text) {
  static const auto dir = test_support::scratch_dir("ticket_log");
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path;
}

const std::string header = "ticket,service,service_start,service_end,counter\n";

/// The one problem a bad log raises, as "FILE:LINE: 'column N (name)': message".
std::string problem_of(const std::string& name, const std::string& text) {
  try {
    read_ticket_log(write(name, text).string(), {}, domains);
  } catch (const sim::scenario::InputError& e) {
    REQUIRE(e.problems().size() == 1);
    return e.problems().front().to_string();
  }
  FAIL("no error for " << name);
  return {};
}

}  // namespace

TEST_CASE("Log times are read from ISO and Vietnamese date forms to the second", "[fit]") {
  const double t = sim::fit::parse_log_time("2025-09-08 07:43:12");
  CHECK(t == sim::fit::parse_log_time("08/09/2025 07:43:12"));
  CHECK(t == sim::fit::parse_log_time("2025-09-08T07:43:12"));
  // 2025-09-08 is day 20339 after 1970-01-01.
  CHECK(t == Approx(20339.0 * 1440.0 + 7 * 60 + 43 + 12.0 / 60.0));
  CHECK(sim::fit::parse_log_time("2025-09-08 07:43") == Approx(20339.0 * 1440.0 + 463.0));
  CHECK(std::isnan(sim::fit::parse_log_time("2025-02-30 07:43:12")));
  CHECK(std::isnan(sim::fit::parse_log_time("7:43")));
  CHECK(std::isnan(sim::fit::parse_log_time("2025-09-08 07:43:12 pm")));
}

TEST_CASE("A log is read with its services by id or name, and unserved rows kept", "[fit]") {
  const auto log = read_ticket_log(
      write("good.csv", header + "2025-09-08 07:30:00,civil_status,2025-09-08 07:35:00,2025-09-08 "
                                 "07:41:00,Q1\n"
                                 "2025-09-08 07:31:00,Đất đai,,,\n")
          .string(),
      {}, domains);
  REQUIRE(log.tickets.size() == 2);
  CHECK(log.tickets[0].service == 0);
  CHECK(log.tickets[1].service == 1);
  CHECK(log.tickets[0].fate == sim::fit::TicketFate::served);
  CHECK(log.tickets[1].fate == sim::fit::TicketFate::reneged);  // never called, no outcome column
  CHECK(log.counters == std::vector<std::string>{"Q1"});
}

TEST_CASE("Another export's headers are mapped with --column", "[fit]") {
  sim::fit::ColumnMap map;
  for (auto c : {"ticket=Issued", "service=Service", "service_start=Called", "service_end=Finished",
                 "counter=Desk"})
    map.add(c);
  CHECK_THROWS_AS(map.add("tickets=Issued"), std::invalid_argument);
  const auto log = read_ticket_log(
      write("mapped.csv",
            "Issued,Service,Called,Finished,Desk,Note\n"
            "08/09/2025 07:30:00,land,08/09/2025 07:32:00,08/09/2025 07:40:30,3,x\n")
          .string(),
      map, domains);
  REQUIRE(log.tickets.size() == 1);
  CHECK(log.tickets[0].service_end - log.tickets[0].service_start == Approx(8.5));
}

TEST_CASE("Online rows and rows without a ticket are dropped and counted", "[fit]") {
  const auto log = read_ticket_log(
      write("dropped.csv",
            "channel,ticket,service,service_start,service_end,counter\n"
            "online,,land,,,\n"
            "in_person,,land,,,\n"
            "in_person,2025-09-08 07:30:00,land,2025-09-08 07:31:00,2025-09-08 07:35:00,Q1\n")
          .string(),
      {}, domains);
  CHECK(log.rows == 3);
  CHECK(log.tickets.size() == 1);
  CHECK(log.dropped.at("online dossier (no ticket)") == 1);
  CHECK(log.dropped.at("no ticket (left before taking one)") == 1);
}

TEST_CASE("Bad logs are rejected naming the file, the line and the column", "[fit]") {
  const std::string ok_row =
      "2025-09-08 07:30:00,land,2025-09-08 07:31:00,2025-09-08 07:35:00,Q1\n";
  SECTION("a missing column") {
    const auto p = problem_of("missing.csv", "ticket,service,service_start,counter\n");
    CHECK_THAT(p, Catch::Contains("missing.csv:1: 'column service_end'") &&
                      Catch::Contains("missing required column"));
  }
  SECTION("times out of order: a service that ends before it starts") {
    const auto p = problem_of("order.csv", header + ok_row +
                                               "2025-09-08 07:30:00,land,2025-09-08 07:36:00,"
                                               "2025-09-08 07:35:00,Q1\n");
    CHECK_THAT(p, Catch::Contains("order.csv:3: 'column 4 (service_end)'") &&
                      Catch::Contains("times out of order"));
  }
  SECTION("a call before the ticket was issued") {
    const auto p = problem_of("early.csv", header +
                                               "2025-09-08 07:30:00,land,2025-09-08 07:29:00,"
                                               "2025-09-08 07:35:00,Q1\n");
    CHECK_THAT(p, Catch::Contains("early.csv:2: 'column 3 (service_start)'") &&
                      Catch::Contains("called before the ticket was issued"));
  }
  SECTION("an unknown service") {
    const auto p = problem_of("service.csv", header + "2025-09-08 07:30:00,chung_thuc,,,\n");
    CHECK_THAT(p, Catch::Contains("service.csv:2: 'column 2 (service)'") &&
                      Catch::Contains("unknown service 'chung_thuc'"));
  }
  SECTION("an unreadable time") {
    const auto p = problem_of("time.csv", header + "7:30,land,,,\n");
    CHECK_THAT(p, Catch::Contains("time.csv:2: 'column 1 (ticket)'"));
  }
  SECTION("an empty file") {
    CHECK_THAT(problem_of("empty.csv", ""),
               Catch::Contains("empty.csv") && Catch::Contains("empty"));
    CHECK_THAT(problem_of("header_only.csv", header), Catch::Contains("no data rows"));
  }
}

TEST_CASE("motcua fit exits with 2 on a bad log and writes nothing", "[fit][cli]") {
  const auto dir = test_support::scratch_dir("fit_cli_bad");
  const auto log = write("cli_bad.csv", header +
                                            "2025-09-08 07:30:00,land,2025-09-08 07:29:00,"
                                            "2025-09-08 07:35:00,Q1\n");
  const auto r = test_support::motcua({"fit", log.string(), "-o", (dir / "ward.toml").string()});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK_THAT(r.err, Catch::Contains("cli_bad.csv:2: 'column 3 (service_start)'"));
  CHECK_FALSE(fs::exists(dir / "ward.toml"));
}
