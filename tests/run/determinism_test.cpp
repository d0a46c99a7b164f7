// Reproducibility: the same scenario and seed give identical results and byte-identical files.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "sim/cli/cli.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

namespace {
std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<sim::stats::ReplicationResult> run(const sim::scenario::Scenario& s, std::uint64_t seed,
                                            unsigned threads) {
  sim::run::RunOptions o;
  o.replications = 6;
  o.seed = seed;
  o.threads = threads;
  return sim::run::run_replications(s, o);
}

/// Bit-pattern equality, so that NaN == NaN and -0 != +0 would both be caught.
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

bool same(const std::vector<sim::stats::ReplicationResult>& a,
          const std::vector<sim::stats::ReplicationResult>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].summary.replication != b[i].summary.replication) return false;
    if (!same_bits(a[i].summary.values, b[i].summary.values)) return false;
    if (a[i].tables.size() != b[i].tables.size()) return false;
    for (std::size_t t = 0; t < a[i].tables.size(); ++t) {
      if (a[i].tables[t].size() != b[i].tables[t].size()) return false;
      for (std::size_t r = 0; r < a[i].tables[t].size(); ++r) {
        if (!same_bits(a[i].tables[t][r], b[i].tables[t][r])) return false;
      }
    }
  }
  return true;
}
}  // namespace

TEST_CASE("the same seed gives identical replications, a different seed different ones", "[run]") {
  const auto s = sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto a = run(s, 42, 1);
  CHECK(same(a, run(s, 42, 1)));
  CHECK(same(a, run(s, 42, 2)));
  CHECK(same(a, run(s, 42, 5)));
  CHECK_FALSE(same(a, run(s, 43, 1)));
  // Replications differ from each other (their streams are keyed by replication index).
  CHECK(a[0].summary.values != a[1].summary.values);
}

TEST_CASE("the HDF5 file is byte-identical for 1 and 2 threads", "[run][io]") {
  const fs::path dir = test_support::scratch_dir("determinism");
  const auto scenario = test_support::repo_path("scenarios/templates/urban_ward.toml");
  std::ostringstream out, err;
  const auto one = (dir / "t1.h5").string(), two = (dir / "t2.h5").string();
  REQUIRE(sim::cli::run_cli({"run", scenario, "-o", one, "-t", "1", "-r", "8", "-q"}, out, err) == 0);
  REQUIRE(sim::cli::run_cli({"run", scenario, "-o", two, "-t", "2", "-r", "8", "-q"}, out, err) == 0);
  const auto bytes_one = read_bytes(one), bytes_two = read_bytes(two);
  CHECK(bytes_one.size() > 1000);
  CHECK(bytes_one == bytes_two);
  fs::remove_all(dir);
}
