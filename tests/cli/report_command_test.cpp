// `motcua report`: the folder it writes, the bilingual summary's numbers, and its exit codes.
#include <hdf5.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"
#include "tests/support/cli_runs.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;

namespace {
using test_support::motcua;
using test_support::Outcome;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The mean of one metric in a results file's /summary (or another summary group such as
/// /national_summary), read with the HDF5 C API (not through the report's own Python reader,
/// which is what is being checked).
double summary_mean(const std::string& file, const std::string& metric,
                    const std::string& group = "summary") {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t names = H5Dopen2(f, (group + "/metric").c_str(), H5P_DEFAULT);
  const hid_t means = H5Dopen2(f, (group + "/mean").c_str(), H5P_DEFAULT);
  REQUIRE(names >= 0);
  REQUIRE(means >= 0);
  const hid_t space = H5Dget_space(names);
  const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
  std::vector<char*> text(n);
  std::vector<double> values(n);
  const hid_t str = H5Tcopy(H5T_C_S1);
  H5Tset_size(str, H5T_VARIABLE);
  H5Tset_cset(str, H5T_CSET_UTF8);
  REQUIRE(H5Dread(names, str, H5S_ALL, H5S_ALL, H5P_DEFAULT, text.data()) >= 0);
  REQUIRE(H5Dread(means, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) >= 0);
  double found = NAN;
  for (std::size_t i = 0; i < n; ++i)
    if (metric == text[i]) found = values[i];
  H5Dvlen_reclaim(str, space, H5P_DEFAULT, text.data());
  H5Tclose(str);
  H5Sclose(space);
  H5Dclose(means);
  H5Dclose(names);
  H5Fclose(f);
  return found;
}

/// The root attribute `national` of a national results file: its number of centers.
std::uint64_t national_centers(const std::string& file) {
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  REQUIRE(f >= 0);
  const hid_t a = H5Aopen(f, "national", H5P_DEFAULT);
  REQUIRE(a >= 0);
  std::uint64_t n = 0;
  REQUIRE(H5Aread(a, H5T_NATIVE_UINT64, &n) >= 0);
  H5Aclose(a);
  H5Fclose(f);
  return n;
}

/// The text of the element with id="ID" up to its closing </section>.
std::string section(const std::string& html, const std::string& id) {
  const auto from = html.find("id=\"" + id + "\"");
  if (from == std::string::npos) return {};
  return html.substr(from, html.find("</section>", from) - from);
}

/// A copy of the rural-commune template that runs from a scratch folder (absolute catalogue and
/// holiday paths), optionally with fewer visitors a day.
fs::path rural_copy(const fs::path& dir, const std::string& name, bool fewer_visits) {
  std::string text = slurp(test_support::repo_path("scenarios/templates/rural_commune.toml"));
  for (const std::string folder : {"catalogue/", "calendar/"}) {
    const auto at = text.find("\"../" + folder);
    REQUIRE(at != std::string::npos);
    text.replace(at + 1, 3, test_support::repo_path("scenarios/"));
  }
  if (fewer_visits) {
    const auto at = text.find("daily_visits = 75");
    REQUIRE(at != std::string::npos);
    text.replace(at, 17, "daily_visits = 55");
  }
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path;
}

const std::vector<std::string> center_plots = {
    "queue_through_day", "wait_distribution", "wait_by_domain", "utilisation",
    "overtime",          "sent_home",         "dossiers"};
}  // namespace

TEST_CASE("motcua report writes a self-contained bilingual page whose mean wait is the file's",
          "[cli]") {
  const auto dir = test_support::scratch_dir("report_center");
  const auto scenario = rural_copy(dir, "commune.toml", false);
  const auto h5 = (dir / "commune.h5").string();
  REQUIRE(motcua({"run", scenario.string(), "-o", h5, "-r", "3", "-q"}).code == 0);
  const auto out = dir / "report folder";  // a space: the script is run without a shell
  const auto r = motcua({"report", h5, "-o", out.string()});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);

  for (const auto& stem : center_plots) {
    INFO(stem);
    CHECK(fs::file_size(out / (stem + ".png")) > 1000);
  }
  CHECK_FALSE(fs::exists(out / "systems.png"));  // the rural commune models no software
  const std::string html = slurp(out / "index.html");
  CHECK(html.find("the scenario models no software systems") != std::string::npos);

  const std::string en = section(html, "summary-en");
  const std::string vi = section(html, "summary-vi");
  REQUIRE_FALSE(en.empty());
  REQUIRE_FALSE(vi.empty());
  CHECK(vi.find("chờ trung bình") != std::string::npos);
  CHECK(vi.find("người dân") != std::string::npos);

  // Every image is embedded: one data URI per plot, and no src or href leaves the page.
  std::size_t images = 0;
  for (auto at = html.find("src=\""); at != std::string::npos; at = html.find("src=\"", at + 1)) {
    CHECK(html.compare(at + 5, 22, "data:image/png;base64,") == 0);
    ++images;
  }
  CHECK(images == center_plots.size());
  CHECK(html.find("href=") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);

  // The sentence's mean wait is /summary's wait_mean, rounded to the decimals shown.
  const double mean = summary_mean(h5, "wait_mean");
  std::smatch m;
  REQUIRE(std::regex_search(en, m, std::regex("waited ([0-9.,]+) minutes on average")));
  const std::string shown = m[1];
  const auto dot = shown.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(shown.size() - dot - 1);
  CHECK(std::abs(std::stod(shown) - mean) <= 0.5 * std::pow(10.0, -decimals) + 1e-12);
  std::string shown_vi = shown;  // Vietnamese writes the same number with a decimal comma
  if (dot != std::string::npos) shown_vi[dot] = ',';
  CHECK(vi.find("chờ trung bình " + shown_vi + " phút") != std::string::npos);
  // The unrounded value behind the sentence, in the page's JSON block.
  REQUIRE(std::regex_search(html, m,
                            std::regex("\"wait_mean\": \\{\"high\": [^,]+, \"low\": [^,]+, "
                                       "\"mean\": ([-0-9.e]+)")));
  CHECK(std::stod(m[1]) == Approx(mean).epsilon(1e-12));
}

TEST_CASE("motcua report skips the center plots for a station-form file and says why", "[cli]") {
  const auto dir = test_support::scratch_dir("report_station");
  const auto h5 = (dir / "mm1.h5").string();
  const auto scenario = test_support::repo_path("scenarios/validation/mm1_load0.5.toml");
  REQUIRE(motcua({"run", scenario, "-o", h5, "-r", "2", "-q"}).code == 0);
  const auto r = motcua({"report", h5, "-o", (dir / "out").string()});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  const std::string html = slurp(dir / "out" / "index.html");
  CHECK(fs::file_size(dir / "out" / "wait_distribution.png") > 1000);
  CHECK_FALSE(fs::exists(dir / "out" / "queue_through_day.png"));
  CHECK(html.find("Not shown: the file has no /timeseries table") != std::string::npos);
  CHECK(html.find("id=\"summary-vi\"") != std::string::npos);
}

TEST_CASE("motcua report shows the paired comparison of a motcua compare file", "[cli]") {
  const auto dir = test_support::scratch_dir("report_variants");
  const auto scenario = rural_copy(dir, "commune.toml", false);
  const auto both = (dir / "both.h5").string();
  const auto robot = test_support::repo_path("scenarios/policies/ai_robot.toml");
  const auto run = motcua(
      {"compare", scenario.string(), "--variant", "robot=" + robot, "-o", both, "-r", "2", "-q"});
  INFO(run.err);
  REQUIRE(run.code == sim::cli::exit_ok);
  const auto r = motcua({"report", both, "-o", (dir / "out").string()});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  const std::string html = slurp(dir / "out" / "index.html");
  CHECK(fs::file_size(dir / "out" / "comparison_forest.png") > 1000);
  CHECK(fs::file_size(dir / "out" / "queue_through_day.png") > 1000);  // the base variant's plots
  CHECK(html.find("Paired comparison") != std::string::npos);
  CHECK(html.find("base variant: base") != std::string::npos);
  CHECK(html.find("Variant robot against the base:") != std::string::npos);
  CHECK(html.find("Phương án robot") != std::string::npos);
  // --lang both (the default): the Vietnamese page beside the English one, with its own plots.
  const std::string vi = slurp(dir / "out" / "index.vi.html");
  CHECK(vi.find("<html lang=\"vi\">") != std::string::npos);
  CHECK(vi.find("So sánh theo cặp") != std::string::npos);
  CHECK(fs::file_size(dir / "out" / "comparison_forest.vi.png") > 1000);
}

TEST_CASE("motcua report --lang vi writes one Vietnamese page, and refuses an unknown language",
          "[cli]") {
  const auto dir = test_support::scratch_dir("report_lang");
  const auto h5 = (dir / "mm1.h5").string();
  const auto scenario = test_support::repo_path("scenarios/validation/mm1_load0.5.toml");
  REQUIRE(motcua({"run", scenario, "-o", h5, "-r", "2", "-q"}).code == 0);
  const auto r = motcua({"report", h5, "-o", (dir / "vi").string(), "--lang", "vi"});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);
  const std::string html = slurp(dir / "vi" / "index.html");
  CHECK(html.find("<html lang=\"vi\">") != std::string::npos);
  CHECK(html.find("<h2>Tóm tắt</h2>") != std::string::npos);
  CHECK(html.find("id=\"summary-en\"") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "vi" / "index.vi.html"));
  const auto bad = motcua({"report", h5, "-o", (dir / "fr").string(), "--lang", "fr"});
  CHECK(bad.code == sim::cli::exit_bad_input);
  CHECK(bad.err.find("expected vi, en or both") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "fr"));
}

TEST_CASE(
    "motcua report shows the national figures, provinces and slowest centers of a national file",
    "[cli]") {
  const auto dir = test_support::scratch_dir("report_national");
  const auto h5 = (dir / "national.h5").string();
  const auto scenario = test_support::repo_path("scenarios/national/launch_2025.toml");
  const auto run = motcua({"run", scenario, "--set", "national.provinces=[\"11\",\"12\"]", "--set",
                           "run.days=3", "-r", "2", "-o", h5, "-q"});
  INFO(run.err);
  REQUIRE(run.code == sim::cli::exit_ok);
  const auto out = dir / "out";
  const auto r = motcua({"report", h5, "-o", out.string()});
  INFO(r.err);
  REQUIRE(r.code == sim::cli::exit_ok);

  for (const std::string stem : {"province_on_time", "province_wait"}) {
    INFO(stem);
    CHECK(fs::file_size(out / (stem + ".png")) > 1000);
  }
  CHECK_FALSE(fs::exists(out / "queue_through_day.png"));  // no single-center plots
  const std::string html = slurp(out / "index.html");
  const std::string en = section(html, "summary-en");
  const std::string vi = section(html, "summary-vi");
  REQUIRE_FALSE(en.empty());
  REQUIRE_FALSE(vi.empty());
  const std::string centers = std::to_string(national_centers(h5));  // 83, below 1,000
  CHECK(en.find("Across the " + centers + " centers") != std::string::npos);
  CHECK(en.find("The province with the longest mean wait is") != std::string::npos);
  CHECK(vi.find("Trên toàn bộ " + centers + " trung tâm") != std::string::npos);
  CHECK(vi.find("hồ sơ đã có kết quả được giải quyết đúng hạn") != std::string::npos);
  for (const std::string province : {"Điện Biên", "Lai Châu"}) {
    INFO(province);
    CHECK(html.find("<td>" + province + "</td>") != std::string::npos);  // the province table
  }
  CHECK(html.find("id=\"national\"") != std::string::npos);
  CHECK(html.find("The 10 centers with the longest mean wait") != std::string::npos);

  // The on-time rate in the sentence is /national_summary's, rounded to the decimals shown.
  const double rate = 100.0 * summary_mean(h5, "on_time_rate", "national_summary");
  std::smatch m;
  REQUIRE(std::regex_search(en, m, std::regex("([0-9.]+) % of those whose outcome is known")));
  const std::string shown = m[1];
  const auto dot = shown.find('.');
  const int decimals = dot == std::string::npos ? 0 : static_cast<int>(shown.size() - dot - 1);
  CHECK(std::abs(std::stod(shown) - rate) <= 0.5 * std::pow(10.0, -decimals) + 1e-9);
  std::string shown_vi = shown;
  if (dot != std::string::npos) shown_vi[dot] = ',';
  CHECK(vi.find(shown_vi + " % hồ sơ đã có kết quả") != std::string::npos);
  REQUIRE(std::regex_search(html, m,
                            std::regex("\"on_time_rate\": \\{\"high\": [^,]+, \"low\": [^,]+, "
                                       "\"mean\": ([-0-9.e]+)")));
  CHECK(100.0 * std::stod(m[1]) == Approx(rate).epsilon(1e-12));
}

TEST_CASE("motcua report exits with code 2 for a missing or foreign results file", "[cli]") {
  const auto dir = test_support::scratch_dir("report_bad");
  SECTION("missing file") {
    const auto r = motcua({"report", (dir / "missing.h5").string(), "-o", (dir / "out").string()});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("missing.h5: no such file") != std::string::npos);
  }
  SECTION("a file that is not HDF5") {
    std::ofstream(dir / "notes.h5") << "not a results file\n";
    const auto r = motcua({"report", (dir / "notes.h5").string(), "-o", (dir / "out").string()});
    CHECK(r.code == sim::cli::exit_bad_input);
    CHECK(r.err.find("not an HDF5 file") != std::string::npos);
  }
  SECTION("no output folder") {
    CHECK(motcua({"report", (dir / "missing.h5").string()}).code == sim::cli::exit_bad_input);
  }
  CHECK_FALSE(fs::exists(dir / "out"));
}

TEST_CASE("motcua report --help names the page it writes", "[cli]") {
  const auto r = motcua({"report", "--help"});
  CHECK(r.code == sim::cli::exit_ok);
  CHECK(r.out.find("index.html") != std::string::npos);
  CHECK(motcua({"--help"}).out.find("report") != std::string::npos);
}
