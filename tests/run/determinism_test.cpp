// Reproducibility: the same scenario and seed give identical results and byte-identical files.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

#include "sim/cli/cli.hpp"
#include "sim/run/parallel_runner.hpp"
#include "sim/run/result_writer.hpp"
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
  const auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  const auto a = run(s, 42, 1);
  CHECK(same(a, run(s, 42, 1)));
  CHECK(same(a, run(s, 42, 2)));
  CHECK(same(a, run(s, 42, 5)));
  CHECK_FALSE(same(a, run(s, 43, 1)));
  // Replications differ from each other (their streams are keyed by replication index).
  CHECK(a[0].summary.values != a[1].summary.values);
}

TEST_CASE("the HDF5 file is byte-identical for 1, 2 and 3 threads", "[run][io]") {
  // The per-day tables pass through a spill file in whatever order replications finish.
  const fs::path dir = test_support::scratch_dir("determinism");
  const auto scenario = test_support::repo_path("scenarios/templates/urban_ward.toml");
  std::ostringstream out, err;
  std::string first;
  for (const char* threads : {"1", "2", "3"}) {
    const auto path = (dir / (std::string("t") + threads + ".h5")).string();
    REQUIRE(sim::cli::run_cli({"run", scenario, "-o", path, "-t", threads, "-r", "8", "-q"}, out,
                              err) == 0);
    if (first.empty()) {
      first = read_bytes(path);
      CHECK(first.size() > 1000);
    } else {
      CHECK(read_bytes(path) == first);
    }
  }
  fs::remove_all(dir);
}

TEST_CASE("a comparison's HDF5 file is byte-identical for 1 and 2 threads", "[run][io]") {
  const fs::path dir = test_support::scratch_dir("determinism_compare");
  const auto scenario = test_support::repo_path("scenarios/templates/urban_ward.toml");
  const auto overlay = test_support::repo_path("scenarios/policies/ai_robot.toml");
  std::ostringstream out, err;
  const auto one = (dir / "t1.h5").string(), two = (dir / "t2.h5").string();
  for (const auto& [path, threads] : {std::pair{one, "1"}, std::pair{two, "2"}}) {
    REQUIRE(sim::cli::run_cli({"compare", scenario, "--variant", "robot=" + overlay, "-o", path,
                               "-t", threads, "-r", "3", "--set", "run.days=30", "-q"},
                              out, err) == 0);
  }
  CHECK(read_bytes(one).size() > 1000);
  CHECK(read_bytes(one) == read_bytes(two));
  fs::remove_all(dir);
}

TEST_CASE("a file written from spilled per-day tables is byte-identical to one from memory",
          "[run][io]") {
  const fs::path dir = test_support::scratch_dir("determinism_spill");
  auto s =
      sim::scenario::load_scenario(test_support::repo_path("scenarios/templates/urban_ward.toml"));
  sim::run::RunOptions o;
  o.replications = 3;
  o.seed = 9;
  const auto write = [&](const std::string& path, bool spill) {
    sim::io::ResultFile file(path);
    std::optional<sim::io::SpillFile> spill_file;
    o.spill = spill ? &spill_file.emplace(file.partial_path()) : nullptr;
    sim::run::write_results(file, s, o, sim::run::run_replications(s, o));
    file.commit();
  };
  write((dir / "memory.h5").string(), false);
  write((dir / "spilled.h5").string(), true);
  const auto memory = read_bytes(dir / "memory.h5");
  CHECK(memory.size() > 1000);
  CHECK(memory == read_bytes(dir / "spilled.h5"));
  fs::remove_all(dir);
}
