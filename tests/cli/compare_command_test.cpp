// `motcua compare` and `motcua sweep`: the file they write (read back with the HDF5 C API) and
// their exit codes on bad input.
#include <hdf5.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "sim/run/replication.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using test_support::repo_path;

namespace {
using test_support::motcua;
using test_support::Outcome;

/// A results file opened read-only with the HDF5 C API.
class H5Read {
 public:
  explicit H5Read(const std::string& path)
      : f_(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)) {
    REQUIRE(f_ >= 0);
  }
  ~H5Read() { H5Fclose(f_); }
  H5Read(const H5Read&) = delete;
  H5Read& operator=(const H5Read&) = delete;

  bool exists(const std::string& path) const {
    // Check every prefix: H5Lexists fails on a path whose parent is missing.
    std::size_t at = 0;
    while (true) {
      at = path.find('/', at + 1);
      const auto part = path.substr(0, at);
      if (H5Lexists(f_, part.c_str(), H5P_DEFAULT) <= 0) return false;
      if (at == std::string::npos) return true;
    }
  }
  std::vector<double> numbers(const std::string& path) const {
    const hid_t d = H5Dopen2(f_, path.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t space = H5Dget_space(d);
    std::vector<double> v(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space)));
    REQUIRE(H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, v.data()) >= 0);
    H5Sclose(space);
    H5Dclose(d);
    return v;
  }
  std::vector<std::string> strings(const std::string& path) const {
    const hid_t d = H5Dopen2(f_, path.c_str(), H5P_DEFAULT);
    REQUIRE(d >= 0);
    const hid_t space = H5Dget_space(d);
    const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
    std::vector<char*> text(n);
    const hid_t str = H5Tcopy(H5T_C_S1);
    H5Tset_size(str, H5T_VARIABLE);
    H5Tset_cset(str, H5T_CSET_UTF8);
    REQUIRE(H5Dread(d, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0);
    std::vector<std::string> out(text.begin(), text.end());
    H5Dvlen_reclaim(str, space, H5P_DEFAULT, text.data());
    H5Tclose(str);
    H5Sclose(space);
    H5Dclose(d);
    return out;
  }

 private:
  hid_t f_;
};

const std::string urban = repo_path("scenarios/templates/urban_ward.toml");
std::string policy(const std::string& name) {
  return repo_path("scenarios/policies/" + name + ".toml");
}
const std::size_t metric_count =
    sim::run::summary_metrics(sim::scenario::ScenarioForm::center).size();
}  // namespace

TEST_CASE("motcua compare writes the variants, their replications and the comparison", "[cli]") {
  const auto dir = test_support::scratch_dir("compare_ok");
  const auto out = (dir / "c.h5").string();
  const auto r = motcua({"compare", urban, "--variant", "robot=" + policy("ai_robot"), "--variant",
                         "desk=" + policy("two_receptionists"), "-o", out, "-r", "2", "-t", "2"});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  CHECK(r.out.find("wait_mean") != std::string::npos);
  H5Read f(out);
  CHECK(f.strings("variants/name") == std::vector<std::string>{"base", "robot", "desk"});
  CHECK(f.strings("variants/overlays") ==
        std::vector<std::string>{"", policy("ai_robot"), policy("two_receptionists")});
  for (const std::string v : {"base", "robot", "desk"}) {
    INFO(v);
    CHECK(f.exists("variant/" + v + "/replications/wait_mean"));
    CHECK(f.numbers("variant/" + v + "/replications/replication") == std::vector<double>{0, 1});
  }
  CHECK_FALSE(f.exists("variant/nobody"));
  const auto variant = f.strings("comparison/variant");
  const auto metric = f.strings("comparison/metric");
  REQUIRE(variant.size() == 2 * metric_count);
  REQUIRE(metric.size() == 2 * metric_count);
  CHECK(variant.front() == "robot");
  CHECK(variant.back() == "desk");
  // The diff of each row is the difference of the variant's and base's replication means.
  const auto diff = f.numbers("comparison/diff_mean");
  const auto base_mean = f.numbers("comparison/base_mean");
  const auto low = f.numbers("comparison/diff_low"), high = f.numbers("comparison/diff_high");
  const auto ulow = f.numbers("comparison/unpaired_low"),
             uhigh = f.numbers("comparison/unpaired_high");
  const auto ratio = f.numbers("comparison/width_ratio");
  bool saw_wait = false;
  for (std::size_t i = 0; i < metric.size(); ++i) {
    if (metric[i] != "wait_mean") continue;
    saw_wait = true;
    INFO(variant[i]);
    const auto b = f.numbers("variant/base/replications/wait_mean");
    const auto v = f.numbers("variant/" + variant[i] + "/replications/wait_mean");
    CHECK(base_mean[i] == Approx((b[0] + b[1]) / 2).epsilon(1e-12));
    CHECK(diff[i] == Approx((v[0] - b[0] + v[1] - b[1]) / 2).epsilon(1e-12));
    CHECK(ratio[i] == Approx((high[i] - low[i]) / (uhigh[i] - ulow[i])).epsilon(1e-9));
  }
  CHECK(saw_wait);
  fs::remove_all(dir);
}

TEST_CASE("motcua sweep names each variant by its key and value", "[cli]") {
  const auto dir = test_support::scratch_dir("sweep_ok");
  const auto out = (dir / "s.h5").string();
  const auto r = motcua({"sweep", urban, policy("secondment"), "--key", "policies.secondment.staff",
                         "--values", "0,1,2", "-o", out, "-r", "2", "-t", "2", "-q"});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  CHECK(r.out.empty());  // quiet
  H5Read f(out);
  CHECK(f.strings("variants/name") == std::vector<std::string>{"policies.secondment.staff=0",
                                                               "policies.secondment.staff=1",
                                                               "policies.secondment.staff=2"});
  CHECK(f.strings("variants/settings") ==
        std::vector<std::string>{"policies.secondment.staff = 0", "policies.secondment.staff = 1",
                                 "policies.secondment.staff = 2"});
  CHECK(f.strings("comparison/variant").size() == 2 * metric_count);
  CHECK(f.exists("variant/policies.secondment.staff=2/replications/arrived"));
  // Arrivals are the same at every point of the sweep (common random numbers).
  const auto arrived = f.numbers("variant/policies.secondment.staff=0/replications/arrived");
  CHECK(f.numbers("variant/policies.secondment.staff=2/replications/arrived") == arrived);
  fs::remove_all(dir);
}

TEST_CASE("compare exits with code 2 on a variant without a name or an unknown overlay", "[cli]") {
  const auto dir = test_support::scratch_dir("compare_bad");
  const auto out = (dir / "c.h5").string();
  SECTION("a variant without =") {
    const auto r =
        motcua({"compare", urban, "--variant", policy("ai_robot"), "-o", out, "-r", "2"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("expected NAME=overlay.toml") != std::string::npos);
  }
  SECTION("an unknown overlay path") {
    const auto missing = (dir / "nope.toml").string();
    const auto r = motcua({"compare", urban, "--variant", "x=" + missing, "-o", out, "-r", "2"});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("nope.toml") != std::string::npos);
  }
  SECTION("a sweep with one value") {
    const auto r = motcua({"sweep", urban, "--key", "run.seed", "--values", "1", "-o", out});
    CHECK(r.code == sim::cli::exit_bad_input);
  }
  CHECK(fs::is_empty(dir));
  fs::remove_all(dir);
}
