// Hostile command lines: numbers out of range, outputs that are inputs, interrupted runs.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>

#include "sim/cli/exit_codes.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

extern char** environ;

namespace fs = std::filesystem;
using test_support::motcua;
using test_support::repo_path;

namespace {

const std::string station = repo_path("scenarios/validation/mm1_load0.5.toml");

std::string contents(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// Every file under `dir` with its bytes: what "the folder as it was" means.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files[e.path().string()] = contents(e.path());
  }
  return files;
}

/// A copy of the repository's scenarios/ folder, so that a test can try to overwrite inputs.
struct ScenarioCopy {
  fs::path dir;
  explicit ScenarioCopy(const std::string& name) : dir(test_support::scratch_dir(name)) {
    fs::copy(repo_path("scenarios"), dir / "scenarios",
             fs::copy_options::recursive | fs::copy_options::skip_symlinks);
  }
  ~ScenarioCopy() { fs::remove_all(dir); }
  std::string path(const std::string& relative) const { return (dir / relative).string(); }
};

}  // namespace

TEST_CASE("count options outside their range exit 2 naming the option, the value and the range",
          "[cli]") {
  const auto dir = test_support::scratch_dir("cli_counts");
  const auto out = (dir / "r.h5").string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--threads", "-1"}, "--threads -1: expected a whole number from 1 to 256"},
      {{"--threads", "0"}, "--threads 0: expected a whole number from 1 to 256"},
      {{"--threads", "1000000"}, "--threads 1000000: expected a whole number from 1 to 256"},
      {{"-t", "two"}, "--threads two: expected a whole number from 1 to 256"},
      {{"--replications", "-1"}, "--replications -1: expected a whole number from 1 to 1000000"},
      {{"--replications", "1e9"}, "--replications 1e9: expected a whole number from 1 to 1000000"},
      {{"-r", "1000000000"},
       "--replications 1000000000: expected a whole number from 1 to 1000000"},
      {{"--seed", "-1"}, "--seed -1: expected a whole number from 0 to 18446744073709551615"},
      {{"--seed", "18446744073709551616"},
       "--seed 18446744073709551616: expected a whole number from 0 to 18446744073709551615"},
  };
  for (const auto& [options, message] : cases) {
    std::vector<std::string> args{"run", station, "-o", out};
    args.insert(args.end(), options.begin(), options.end());
    const auto r = motcua(args);
    INFO(r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK(fs::is_empty(dir));
  }
  // A comparison needs two replications; regress takes --threads too.
  auto r = motcua({"compare", station, "--variant", "same=" + station, "-o", out, "-r", "1"});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find("--replications 1: expected a whole number from 2 to 1000000") !=
        std::string::npos);
  r = motcua({"regress", "--threads", "-1"});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find("--threads -1: expected") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("every command's --help states the range of its count options", "[cli]") {
  const auto help_of = [](const std::string& command) {
    // Boost wraps the descriptions: compare the words, not the line breaks.
    std::istringstream words(motcua({command, "--help"}).out);
    std::string word, text;
    while (words >> word) text += word + " ";
    return text;
  };
  for (const std::string command : {"run", "compare", "sweep"}) {
    const auto help = help_of(command);
    INFO(help);
    CHECK(help.find("a whole number from 1 to 256") != std::string::npos);
    CHECK(help.find("a whole number from 0 to 18446744073709551615") != std::string::npos);
  }
  CHECK(help_of("run").find("a whole number from 1 to 1000000") != std::string::npos);
  CHECK(help_of("compare").find("a whole number from 2 to 1000000") != std::string::npos);
  CHECK(help_of("regress").find("a whole number from 1 to 256") != std::string::npos);
}

TEST_CASE("an output that is an input of the run, under any name, exits 2 and leaves it untouched",
          "[cli]") {
  ScenarioCopy copy("cli_output_input");
  const auto ward = copy.path("scenarios/templates/urban_ward.toml");
  const auto robot = copy.path("scenarios/policies/ai_robot.toml");
  fs::create_hard_link(ward, copy.dir / "hard_link.toml");
  fs::create_symlink(ward, copy.dir / "soft_link.toml");
  const std::vector<std::string> outputs = {
      ward,
      copy.path("scenarios/templates/../templates/./urban_ward.toml"),
      copy.path("hard_link.toml"),
      copy.path("soft_link.toml"),
      robot,
      copy.path("scenarios/catalogue/commune.toml"),
      copy.path("scenarios/calendar/vietnam_holidays.toml"),
  };
  const auto before = snapshot(copy.dir);
  for (const auto& out : outputs) {
    const auto r = motcua({"run", ward, robot, "-o", out, "-r", "1", "--set", "run.days=1"});
    INFO(out << "\n" << r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("it is an input of this run") != std::string::npos);
  }
  const auto r = motcua({"compare", ward, "--variant", "robot=" + robot, "-o", robot, "-r", "2"});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("a national run refuses to write over its dataset or the scenario it extends", "[cli]") {
  ScenarioCopy copy("cli_output_national");
  const auto steady = copy.path("scenarios/national/steady_state.toml");
  const auto before = snapshot(copy.dir);
  for (const auto& out :
       {copy.path("scenarios/data/communes.csv"), copy.path("scenarios/national/launch_2025.toml"),
        copy.path("scenarios/systems/stable.toml"),
        copy.path("scenarios/templates/megaward.toml")}) {
    const auto r = motcua({"run", steady, "-o", out, "--set", "national.provinces=[\"01\"]"});
    INFO(out << "\n" << r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("it is an input of this run") != std::string::npos);
  }
  CHECK(snapshot(copy.dir) == before);
}

TEST_CASE("every exit 2 leaves the output folder exactly as it was", "[cli]") {
  const auto dir = test_support::scratch_dir("cli_folder_kept");
  const auto out = (dir / "results.h5").string();
  std::ofstream(out) << "an earlier result";
  std::ofstream(dir / "bad.toml") << "[scenario\n";
  std::string deep = "[a";
  for (int i = 0; i < 100; ++i) deep += ".a";
  std::ofstream(dir / "deep.toml") << deep << "]\n";
  const auto before = snapshot(dir);
  const std::vector<std::vector<std::string>> commands = {
      {"run", (dir / "bad.toml").string(), "-o", out},
      {"run", (dir / "deep.toml").string(), "-o", out},
      {"run", (dir / "missing.toml").string(), "-o", out},
      {"run", station, (dir / "missing_overlay.toml").string(), "-o", out},
      {"run", station, "-o", out, "--threads", "-1"},
      {"run", station, "-o", out, "--set", "station.counters=0"},
      {"compare", station, "--variant", "v=" + (dir / "bad.toml").string(), "-o", out},
  };
  for (const auto& args : commands) {
    const auto r = motcua(args);
    INFO(args[1] << " " << r.err);
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(snapshot(dir) == before);
  }
  fs::remove_all(dir);
}

TEST_CASE("a deeply nested scenario exits 2 from run and validate instead of crashing", "[cli]") {
  const auto dir = test_support::scratch_dir("cli_deep");
  const auto deep = (dir / "deep.toml").string();
  std::string header = "[a";
  for (int i = 0; i < 60000; ++i) header += ".a";
  std::ofstream(deep) << header << "]\nx = 1\n";
  CHECK(motcua({"validate", deep}).code == sim::cli::exit_bad_input);
  const auto r = motcua({"run", deep, "-o", (dir / "r.h5").string()});
  CHECK(r.code == sim::cli::exit_bad_input);
  CHECK(r.err.find("deep.toml:1: line of 120003 bytes is longer than the limit") !=
        std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("validate checks a national scenario too", "[cli]") {
  const auto r = motcua({"validate", repo_path("scenarios/national/steady_state.toml")});
  INFO(r.err);
  CHECK(r.code == sim::cli::exit_ok);
  CHECK(r.out.find("centers)") != std::string::npos);
}

namespace {

/// Starts `motcua args...` as a process, waits until its partial file exists, sends `signal`
/// and returns the exit status; the folder must then hold no file at all.
int interrupted_run(int signal, const fs::path& dir) {
  const auto out = (dir / "long.h5").string();
  std::vector<std::string> args = {
      MOTCUA_BINARY, "run", repo_path("scenarios/templates/urban_ward.toml"),
      "-o",          out,   "-r",
      "100000",      "-t",  "2",
      "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ) == 0);
  const auto partial = out + ".partial-" + std::to_string(pid);
  // Waiting for a state, not for a time: the partial file appears once the scenario is loaded.
  // The bound only keeps a broken build from hanging the suite.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(partial) && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(fs::exists(partial));
  ::kill(pid, signal);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(fs::is_empty(dir));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace

TEST_CASE("SIGINT and SIGTERM remove the partial file and exit with 130 and 143", "[cli]") {
  const auto dir = test_support::scratch_dir("cli_signal");
  CHECK(interrupted_run(SIGINT, dir) == 130);
  CHECK(interrupted_run(SIGTERM, dir) == 143);
  fs::remove_all(dir);
}
