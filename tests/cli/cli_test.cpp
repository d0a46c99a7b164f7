// The motcua command line: exit codes, messages, and no output file left behind on failure.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

namespace {
using test_support::motcua;
using test_support::Outcome;

/// A fresh empty folder for one test's files.
fs::path scratch(const std::string& name) { return test_support::scratch_dir("cli_" + name); }

/// True when the folder holds no file at all (no output, no partial file).
bool empty_folder(const fs::path& dir) { return fs::is_empty(dir); }

const std::string small = test_support::repo_path("scenarios/validation/mm1_load0.5.toml");
}  // namespace

TEST_CASE("motcua run writes the HDF5 file and prints a summary", "[cli]") {
  const auto dir = scratch("ok");
  const auto out = (dir / "r.h5").string();
  const auto r = motcua({"run", small, "-o", out, "-r", "2", "-t", "2"});
  INFO(r.err);
  CHECK(r.code == sim::cli::exit_ok);
  CHECK(fs::is_regular_file(out));
  CHECK(r.out.find("wait_mean") != std::string::npos);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
}

TEST_CASE("--help and --version succeed and say what the program is", "[cli]") {
  CHECK(motcua({"--version"}).out.find("motcua") == 0);
  const auto help = motcua({"run", "--help"});
  CHECK(help.code == 0);
  CHECK(help.out.find("--replications") != std::string::npos);
  CHECK(motcua({"--help"}).out.find("exit codes") != std::string::npos);
}

TEST_CASE("bad input exits with code 2, names the problem and leaves no file", "[cli]") {
  const auto dir = scratch("bad");
  const auto out = (dir / "r.h5").string();
  SECTION("missing scenario file") {
    const auto r = motcua({"run", (dir / "nope.toml").string(), "-o", out});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("nope.toml") != std::string::npos);
  }
  SECTION("malformed scenario") {
    const auto bad = dir / "bad.toml";
    std::ofstream(bad) << "[scenario\nname = 1\n";
    const auto r = motcua({"run", bad.string(), "-o", out});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("bad.toml:1") != std::string::npos);
    fs::remove(bad);
  }
  SECTION("unknown option") {
    const auto r = motcua({"run", small, "-o", out, "--replicatons", "3"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("replicatons") != std::string::npos);
  }
  SECTION("zero replications") {
    const auto r = motcua({"run", small, "-o", out, "-r", "0"});
    CHECK(r.code == sim::cli::exit_bad_input);
  }
  SECTION("no output path") { CHECK(motcua({"run", small}).code == sim::cli::exit_bad_input); }
  SECTION("unknown command") {
    CHECK(motcua({"simulate", small}).code == sim::cli::exit_bad_input);
  }
  CHECK(empty_folder(dir));
}

TEST_CASE("an unwritable output path exits with code 2 before simulating", "[cli]") {
  const auto dir = scratch("unwritable");
  SECTION("folder does not exist") {
    const auto r = motcua({"run", small, "-o", (dir / "no" / "r.h5").string()});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("does not exist") != std::string::npos);
  }
  SECTION("output is a folder") {
    fs::create_directory(dir / "sub");
    const auto r = motcua({"run", small, "-o", (dir / "sub").string()});
    CHECK(r.code == sim::cli::exit_bad_input);
    fs::remove(dir / "sub");
  }
  SECTION("folder is read-only") {
    const auto ro = dir / "ro";
    fs::create_directory(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    // root ignores permission bits; the check is only meaningful for ordinary users.
    std::ofstream probe(ro / "probe");
    const bool really_read_only = !probe;
    probe.close();
    fs::remove(ro / "probe");
    if (really_read_only) {
      const auto r = motcua({"run", small, "-o", (ro / "r.h5").string()});
      CHECK(r.code == sim::cli::exit_bad_input);
      CHECK(r.err.find("cannot write") != std::string::npos);
      CHECK(fs::is_empty(ro));
    } else {
      WARN("running as root: permission bits are not enforced, read-only case not exercised");
    }
    fs::permissions(ro, fs::perms::owner_all);
    fs::remove(ro);
  }
  CHECK(empty_folder(dir));
}

TEST_CASE("motcua validate accepts good files and rejects bad ones with code 2", "[cli]") {
  CHECK(motcua({"validate", small}).code == sim::cli::exit_ok);
  const auto dir = scratch("validate");
  std::ofstream(dir / "bad.toml") << "[scenario]\nname = \"x\"\n";
  const auto r = motcua({"validate", (dir / "bad.toml").string()});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find("'run': missing required key") != std::string::npos);
}
