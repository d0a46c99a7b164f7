// Inputs the fuzzers found (tests/fuzz/regressions/) load cleanly or fail with InputError.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/national_dataset.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "sim/scenario/text_limits.hpp"
#include "tests/fuzz/dataset_parts.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> cases(const std::string& kind) {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(test_support::repo_path("tests/fuzz/regressions/" + kind)))
    files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

// Each case is run as the fuzz target runs it (tests/fuzz/scenario_fuzz.cpp): any exception
// but InputError fails the test, and a crash fails the suite.
TEST_CASE("every scenario the fuzzer found loads or is refused with an input error", "[scenario]") {
  const auto files = cases("scenario");
  REQUIRE_FALSE(files.empty());
  const auto path = test_support::repo_path("scenarios/templates/fuzz.toml");
  for (const auto& file : files) {
    INFO(file);
    try {
      (void)sim::scenario::parse_scenario(bytes(file), path);
    } catch (const sim::scenario::InputError&) {
    }
  }
}

TEST_CASE("every dataset the fuzzer found loads or is refused with an input error", "[scenario]") {
  const auto files = cases("dataset");
  REQUIRE_FALSE(files.empty());
  const auto dir = test_support::scratch_dir("fuzz_dataset");
  for (const auto& file : files) {
    INFO(file);
    test_support::write_dataset_parts(bytes(file), dir);
    try {
      (void)sim::scenario::load_national_dataset(dir.string());
    } catch (const sim::scenario::InputError&) {
    }
  }
  fs::remove_all(dir);
}

// The dataset fuzzer's one finding was speed: every file read allocated and zeroed a buffer of
// the size limit (64 MiB for a CSV) and kept it, so a 100-byte file cost 64 MiB. The text read
// must be about its own size (its capacity within one 64 KiB read block of it).
TEST_CASE("reading a small input file allocates about its size, not the size limit", "[scenario]") {
  std::vector<sim::scenario::Problem> problems;
  const auto text =
      sim::scenario::read_text_file(test_support::repo_path("scenarios/data/provinces.csv"),
                                    "dataset", sim::scenario::csv_limits, problems);
  REQUIRE(text);
  CHECK(problems.empty());
  const std::size_t size = fs::file_size(test_support::repo_path("scenarios/data/provinces.csv"));
  CHECK(text->size() == size);
  CHECK(text->capacity() <= 2 * size + (64u << 10));
}
