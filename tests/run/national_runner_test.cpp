// National runs: a one-province subset, determinism over threads, province sums, stable streams.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/io/hdf5_writer.hpp"
#include "sim/run/national_aggregate.hpp"
#include "sim/run/national_runner.hpp"
#include "sim/run/replication.hpp"
#include "sim/scenario/input_error.hpp"
#include "tests/support/paths.hpp"

namespace {

const std::string launch = "scenarios/national/launch_2025.toml";

sim::scenario::NationalScenario subset(const std::string& provinces, int days = 5) {
  return sim::scenario::load_national_scenario(
      test_support::repo_path(launch),
      {"national.provinces = " + provinces, "run.days = " + std::to_string(days)});
}

sim::run::RunOptions options(unsigned threads, std::uint64_t replications = 1) {
  sim::run::RunOptions o;
  o.replications = replications;
  o.seed = 7;
  o.threads = threads;
  return o;
}

double metric(const std::vector<double>& row, const std::string& name) {
  const auto& m = sim::run::summary_metrics(sim::scenario::ScenarioForm::center);
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i].name == name) return row.at(i);
  }
  throw std::invalid_argument(name);
}

std::size_t aggregate_index(const std::string& name) {
  const auto& d = sim::run::aggregate_defs();
  for (std::size_t i = 0; i < d.size(); ++i) {
    if (d[i].metric.name == name) return i;
  }
  throw std::invalid_argument(name);
}

/// Bit-pattern equality, so that NaN (an undefined metric) equals NaN.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

std::string bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("one province runs as a national subset and every center conserves its citizens",
          "[run]") {
  const auto n = subset("[\"12\"]");  // Lai Châu: 38 units in the dataset's own province table
  REQUIRE(n.centers.size() == 38);
  const auto results = sim::run::run_national(n, options(2));
  REQUIRE(results.rows.size() == 38);
  for (std::size_t c = 0; c < n.centers.size(); ++c) {
    const auto& row = results.row(0, c);
    INFO(n.dataset.units[n.centers[c].unit].name);
    CHECK(metric(row, "arrived") + metric(row, "returned") ==
          metric(row, "served") + metric(row, "answered") + metric(row, "reneged") +
              metric(row, "balked") + metric(row, "sent_home"));
    CHECK(metric(row, "arrived") > 0);
  }
}

TEST_CASE("a national run gives the same rows and the same file bytes on one and two threads",
          "[run]") {
  const auto n = subset("[\"12\"]", 3);
  const auto one = sim::run::run_national(n, options(1, 2));
  const auto two = sim::run::run_national(n, options(2, 2));
  REQUIRE(one.rows.size() == two.rows.size());
  for (std::size_t u = 0; u < one.rows.size(); ++u) CHECK(same_bits(one.rows[u], two.rows[u]));
  const auto dir = test_support::scratch_dir("national_threads");
  for (auto [name, res] : {std::pair{"a.h5", &one}, std::pair{"b.h5", &two}}) {
    sim::io::ResultFile f((dir / name).string());
    sim::run::write_national(f, n, options(1, 2), *res);
    f.commit();
  }
  CHECK(bytes(dir / "a.h5") == bytes(dir / "b.h5"));
}

TEST_CASE("each province row sums exactly the rows of its own centers", "[run]") {
  const auto n = subset("[\"11\", \"12\"]", 3);  // Điện Biên and Lai Châu
  const auto results = sim::run::run_national(n, options(2));
  std::vector<std::size_t> provinces;
  const auto rows = sim::run::province_rows(n, results, 0, provinces);
  REQUIRE(rows.size() == 2);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (const char* m : {"arrived", "served", "reneged", "sent_home", "dossiers_received",
                          "dossiers_on_time", "dossiers_late", "overtime"}) {
      double sum = 0.0;
      for (std::size_t c = 0; c < n.centers.size(); ++c) {
        if (n.centers[c].province == provinces[i]) sum += metric(results.row(0, c), m);
      }
      INFO(m);
      CHECK(rows[i][aggregate_index(m)] == sum);
    }
  }
}

TEST_CASE("a center draws the same citizens whether its province runs alone or with another",
          "[run]") {
  const auto alone = subset("[\"12\"]", 3), together = subset("[\"11\", \"12\"]", 3);
  const auto a = sim::run::run_national(alone, options(2)),
             b = sim::run::run_national(together, options(2));
  // Lai Châu's centers come after Điện Biên's in dataset order.
  const std::size_t offset = together.centers.size() - alone.centers.size();
  for (std::size_t c = 0; c < alone.centers.size(); ++c) {
    CHECK(same_bits(a.row(0, c), b.row(0, c + offset)));
  }
}

TEST_CASE("weighted means and ratios of the national tables are formed from sums", "[run]") {
  const auto& m = sim::run::summary_metrics(sim::scenario::ScenarioForm::center);
  std::vector<double> a(m.size(), 0.0), b(m.size(), 0.0);
  const auto set = [&](std::vector<double>& row, const std::string& name, double v) {
    for (std::size_t i = 0; i < m.size(); ++i)
      if (m[i].name == name) row[i] = v;
  };
  // Center a: 10 served waiting 6 min on average; b: 30 served waiting 2 min. Weighted: (60 + 60) /
  // 40 = 3.
  set(a, "served", 10), set(a, "wait_mean", 6), set(b, "served", 30), set(b, "wait_mean", 2);
  // On time: (8 + 1) / ((9 + 1) + (2 + 0)) = 0.75.
  set(a, "dossiers_on_time", 8), set(a, "dossiers_completed", 9),
      set(a, "dossiers_open_overdue", 1);
  set(b, "dossiers_on_time", 1), set(b, "dossiers_completed", 2);
  // By channel: online (3 + 1) / ((4 + 1) + (1 + 0)) = 4 / 6; counter (5 + 0) / (5 + 1) = 5 / 6.
  set(a, "dossiers_online_on_time", 3), set(a, "dossiers_online_completed", 4),
      set(a, "dossiers_online_open_overdue", 1);
  set(b, "dossiers_online_on_time", 1), set(b, "dossiers_online_completed", 1);
  set(a, "dossiers_counter_on_time", 5), set(a, "dossiers_counter_completed", 5);
  set(b, "dossiers_counter_completed", 1);
  // A center with nobody served has a NaN mean that must carry no weight.
  std::vector<double> empty(m.size(), 0.0);
  set(empty, "wait_mean", std::nan(""));
  const auto row = sim::run::aggregate(m, {&a, &b, &empty});
  CHECK(row[aggregate_index("served")] == 40.0);
  CHECK(row[aggregate_index("wait_mean")] == 3.0);
  CHECK(row[aggregate_index("on_time_rate")] == 0.75);
  CHECK(row[aggregate_index("dossiers_online_completed")] == 5.0);
  CHECK(row[aggregate_index("on_time_rate_online")] == Approx(4.0 / 6.0));
  CHECK(row[aggregate_index("on_time_rate_counter")] == Approx(5.0 / 6.0));
  CHECK(std::isnan(sim::run::aggregate(m, {&empty})[aggregate_index("wait_mean")]));
}

TEST_CASE("an unknown province code in a national scenario is rejected at its key", "[run]") {
  try {
    subset("[\"99\"]");
    FAIL("no error");
  } catch (const sim::scenario::InputError& e) {
    REQUIRE(!e.problems().empty());
    CHECK(e.problems().front().key == "national");
    CHECK(e.problems().front().message.find("'99'") != std::string::npos);
  }
}
