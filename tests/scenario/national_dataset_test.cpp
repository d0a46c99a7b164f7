// National dataset: unit counts per province as the data's own source gives them, the handling
// rules, bad files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/scenario/national_dataset.hpp"
#include "tests/support/paths.hpp"

namespace fs = std::filesystem;
using sim::scenario::CenterKind;
using sim::scenario::InputError;
using sim::scenario::NationalDataset;
using sim::scenario::Problem;
using sim::scenario::UnitFlag;
using sim::scenario::UnitType;

namespace {

/// Loaded once: every test reads the shipped dataset, and loading it thrice would only cost time.
const NationalDataset& shipped() {
  static const NationalDataset data =
      sim::scenario::load_national_dataset(test_support::repo_path("scenarios/data"));
  return data;
}

/// provinces.csv split by the test itself (it has no quoted fields), so that the loader's
/// counts are compared with the file, not with themselves.
std::vector<std::vector<std::string>> provinces_file_rows() {
  std::ifstream in(test_support::repo_path("scenarios/data/provinces.csv"));
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields;
    std::istringstream split(line);
    std::string field;
    while (std::getline(split, field, ',')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

const std::string communes_header = "code,name,type,province_code,province,population,area_km2\n";
const std::string provinces_header =
    "code,name,full_name,kind,population,area_km2,units,xa,phuong,dac_khu,"
    "commune_population_sum,commune_area_sum_km2\n";
const std::string qa_header =
    "code,official_stt,official_full_name,province_code,population,area_km2,density_per_km2,"
    "source_code,source_name,flags\n";

/// A three-unit, two-province dataset; each test breaks one file of it.
struct SmallDataset {
  fs::path dir;
  std::string communes = communes_header +
                         "00001,Một,phường,01,Hà Nội,1000,2\n"
                         "00002,Hai,xã,96,Cà Mau,3000,10\n"
                         "00003,Ba,xã,96,Cà Mau,1000,10\n";
  std::string provinces = provinces_header +
                          "01,Hà Nội,Thành phố Hà Nội,thành phố,1000,2,1,0,1,0,1000,2\n"
                          "96,Cà Mau,Tỉnh Cà Mau,tỉnh,6000,30,2,2,0,0,4000,20\n";
  std::string qa = qa_header +
                   "00001,1,Phường Một,01,1000,2,500,00001,Một,\n"
                   "00003,3,Xã Ba,96,1000,10,100,00003,Ba,suspect_partial_values_bac_lieu_origin\n";

  explicit SmallDataset(const std::string& name) : dir(test_support::scratch_dir(name)) {}
  std::string path(const char* file) const { return (dir / file).string(); }
  NationalDataset load() const {
    write(dir / "communes.csv", communes);
    write(dir / "provinces.csv", provinces);
    write(dir / "communes_qa.csv", qa);
    return sim::scenario::load_national_dataset(dir.string());
  }
  /// The problems of a load that must fail.
  std::vector<Problem> problems() const {
    try {
      load();
    } catch (const InputError& e) {
      return e.problems();
    }
    FAIL("the dataset loaded although it is invalid");
    return {};
  }
};

}  // namespace

TEST_CASE("Every province has the unit, xã, phường and đặc khu counts of provinces.csv",
          "[scenario]") {
  const auto rows = provinces_file_rows();
  REQUIRE(rows.size() == 34);
  REQUIRE(shipped().provinces.size() == 34);
  for (const auto& row : rows) {
    INFO("province " << row[0] << " " << row[1]);
    const auto* p = shipped().find_province(row[0]);
    REQUIRE(p != nullptr);
    CHECK(p->name == row[1]);
    CHECK(p->units == std::stoi(row[6]));
    CHECK(p->xa == std::stoi(row[7]));
    CHECK(p->phuong == std::stoi(row[8]));
    CHECK(p->dac_khu == std::stoi(row[9]));
    CHECK(p->population_record == std::stod(row[4]));
  }
}

TEST_CASE("The country has 3,321 units: 2,621 xã, 687 phường and 13 đặc khu", "[scenario]") {
  const auto& units = shipped().units;
  REQUIRE(units.size() == 3321);
  const auto of_type = [&](UnitType t) {
    return std::count_if(units.begin(), units.end(), [&](const auto& u) { return u.type == t; });
  };
  CHECK(of_type(UnitType::xa) == 2621);
  CHECK(of_type(UnitType::phuong) == 687);
  CHECK(of_type(UnitType::dac_khu) == 13);
}

TEST_CASE("Ho Chi Minh City has 168 units and Phú Thọ 148 with over 4 million people",
          "[scenario]") {
  const auto* hcmc = shipped().find_province("79");
  REQUIRE(hcmc != nullptr);
  CHECK(hcmc->units == 168);
  CHECK(hcmc->phuong == 113);
  CHECK(hcmc->xa == 54);
  CHECK(hcmc->dac_khu == 1);
  const auto* phu_tho = shipped().find_province("25");
  REQUIRE(phu_tho != nullptr);
  CHECK(phu_tho->units == 148);
  CHECK(phu_tho->population > 4'000'000);
  CHECK(phu_tho->population_record > 4'000'000);
}

TEST_CASE("There are 3,140 commune centers, 180 branches and one unit without a center",
          "[scenario]") {
  const auto& data = shipped();
  CHECK(data.count(CenterKind::commune_center) == 3140);
  CHECK(data.count(CenterKind::branch) == 180);
  CHECK(data.count(CenterKind::no_center) == 1);
  // The ministry's 3,139 is one fewer: the gap is documented as unexplained, not resolved.
  CHECK(data.count(CenterKind::commune_center) == sim::scenario::ministry_commune_centers + 1);

  const auto* hoang_sa = data.find_unit("20333");
  REQUIRE(hoang_sa != nullptr);
  CHECK(hoang_sa->name == "Hoàng Sa");
  CHECK(hoang_sa->kind == CenterKind::no_center);
  CHECK(hoang_sa->has(UnitFlag::no_center));
  CHECK(hoang_sa->has(UnitFlag::zero_population));
  CHECK(hoang_sa->has(UnitFlag::area_uncertain));

  for (const auto& p : data.provinces) {
    INFO("province " << p.code);
    CHECK(p.commune_centers + p.branches + p.no_centers == p.units);
    CHECK(p.one_level_center == (p.code == "01" || p.code == "22"));
  }
  CHECK(data.find_province("01")->branches == 126);
  CHECK(data.find_province("22")->branches == 54);
  for (const auto& u : data.units) {
    if (u.kind == CenterKind::branch) {
      CHECK(u.parent_center == u.province_code);
    } else {
      CHECK(u.parent_center.empty());
    }
  }
}

TEST_CASE("The former Bạc Liêu units of Cà Mau are scaled up to the province record",
          "[scenario]") {
  const auto& data = shipped();
  const auto* ca_mau = data.find_province("96");
  REQUIRE(ca_mau != nullptr);
  CHECK(ca_mau->population_record == 2'606'672);
  CHECK(ca_mau->population == Approx(2'606'672).margin(0.5));

  int adjusted = 0;
  double area = 0;
  for (const auto& u : data.units) {
    if (u.province_code != "96") continue;
    area += u.area_km2;
    const bool bac_lieu =
        u.qa_flags.find("suspect_partial_values_bac_lieu_origin") != std::string::npos;
    CHECK(u.has(UnitFlag::population_adjusted) == bac_lieu);
    CHECK(u.has(UnitFlag::area_adjusted) == bac_lieu);
    if (bac_lieu) {
      ++adjusted;
      CHECK(u.population > u.source_population);
    } else {
      CHECK(u.population == u.source_population);
    }
  }
  CHECK(adjusted == 25);
  CHECK(area == Approx(7942.39).margin(0.01));
  CHECK(data.count(UnitFlag::population_adjusted) == 25);

  // One factor for all 25: (2,606,672 - 1,540,169 outside them) / 448,295.
  const auto* bac_lieu_ward = data.find_unit("31825");
  REQUIRE(bac_lieu_ward != nullptr);
  CHECK(bac_lieu_ward->population ==
        Approx(24'456.0 * (2'606'672.0 - 1'540'169.0) / 448'295.0).epsilon(1e-12));
}

TEST_CASE("The national planning population is 114,318,463 after the Cà Mau rule", "[scenario]") {
  const auto& data = shipped();
  double source = 0;
  double records = 0;
  for (const auto& u : data.units) source += u.source_population;
  for (const auto& p : data.provinces) records += p.population_record;
  CHECK(source == 113'700'255);
  CHECK(records == 113'571'926);
  // 113,700,255 + (2,606,672 - 1,988,464) for Cà Mau; the other provinces are not adjusted.
  CHECK(data.total_population() == Approx(114'318'463).margin(0.5));
}

TEST_CASE("Duplicate, tiny and re-coded units are kept and flagged", "[scenario]") {
  const auto& data = shipped();
  const auto* binh_son = data.find_unit("30823");
  const auto* hon_dat = data.find_unit("30817");
  REQUIRE(binh_son != nullptr);
  REQUIRE(hon_dat != nullptr);
  CHECK(binh_son->has(UnitFlag::duplicate_values));
  CHECK(hon_dat->has(UnitFlag::duplicate_values));
  CHECK(binh_son->population == 61'517);
  CHECK(binh_son->kind == CenterKind::commune_center);
  CHECK(data.count(UnitFlag::duplicate_values) == 2);

  CHECK(data.count(UnitFlag::tiny) == 9);
  const auto* truong_sa = data.find_unit("22736");
  REQUIRE(truong_sa != nullptr);
  CHECK(truong_sa->has(UnitFlag::tiny));
  CHECK(truong_sa->kind == CenterKind::commune_center);
  CHECK(data.count(UnitFlag::suspect_low) == 1);
  CHECK(data.count(UnitFlag::source_code_differs) == 3);
  CHECK(data.count(UnitFlag::population_derived) == 0);
  CHECK(sim::scenario::flag_names(truong_sa->flags) == std::vector<std::string>{"tiny"});
}

TEST_CASE("Names are kept as UTF-8 bytes and types as the official list gives them", "[scenario]") {
  const auto* hoan_kiem = shipped().find_unit("00070");
  REQUIRE(hoan_kiem != nullptr);
  CHECK(hoan_kiem->name == "Ho\xC3\xA0n Ki\xE1\xBA\xBFm");
  CHECK(hoan_kiem->province_name == "Hà Nội");
  CHECK(hoan_kiem->type == UnitType::phuong);
  CHECK(std::string(sim::scenario::to_string(hoan_kiem->type)) == "phường");
  CHECK(std::string(sim::scenario::to_string(hoan_kiem->kind)) == "branch");
}

TEST_CASE("A small dataset loads with its kinds, scaling and derived values", "[scenario]") {
  SmallDataset small("national_small");
  small.communes += "00004,Bốn,xã,96,Cà Mau,,5\n";
  small.provinces = provinces_header +
                    "01,Hà Nội,Thành phố Hà Nội,thành phố,1000,2,1,0,1,0,1000,2\n"
                    "96,Cà Mau,Tỉnh Cà Mau,tỉnh,6000,30,3,3,0,0,4000,25\n";
  const auto data = small.load();
  REQUIRE(data.units.size() == 4);
  CHECK(data.units[0].kind == CenterKind::branch);
  CHECK(data.units[0].has(UnitFlag::tiny));
  // Partial unit 00003: scaled from 1,000 to 6,000 - 3,000 (the other known unit).
  CHECK(data.units[2].population == Approx(3000));
  CHECK(data.units[2].has(UnitFlag::population_adjusted));
  // Area: 30 - 10 - 5 = 15 for the partial unit.
  CHECK(data.units[2].area_km2 == Approx(15));
  // Nothing is left of the record for 00004, so it gets the province density (6,000 / 25) * 5.
  CHECK(data.units[3].has(UnitFlag::population_derived));
  CHECK(data.units[3].population == Approx(6000.0 / 25.0 * 5.0));
}

TEST_CASE("A missing population takes what is left of the province record", "[scenario]") {
  SmallDataset small("national_residual");
  small.communes = communes_header +
                   "00001,Một,phường,01,Hà Nội,1000,2\n"
                   "00002,Hai,xã,96,Cà Mau,3000,10\n"
                   "00003,Ba,xã,96,Cà Mau,,10\n"
                   "00005,Năm,xã,96,Cà Mau,,30\n";
  small.qa = qa_header;
  const auto data = small.load();
  CHECK(data.units[2].population == Approx(3000.0 * 10 / 40));
  CHECK(data.units[3].population == Approx(3000.0 * 30 / 40));
  CHECK(data.find_province("96")->population == Approx(6000));
  CHECK(data.units[3].source_population == 0);
}

TEST_CASE("Bad dataset files are rejected naming the file, line and column", "[scenario]") {
  SECTION("a missing file") {
    SmallDataset small("national_missing");
    small.load();
    const auto dir = small.dir;
    fs::remove(dir / "communes_qa.csv");
    try {
      sim::scenario::load_national_dataset(dir.string());
      FAIL("a missing file was accepted");
    } catch (const InputError& e) {
      REQUIRE(e.problems().size() == 1);
      CHECK(e.problems()[0].file == (dir / "communes_qa.csv").string());
      CHECK(e.problems()[0].line == 0);
    }
  }
  SECTION("a wrong header") {
    SmallDataset small("national_header");
    small.communes =
        "code,name,type,province_code,province,pop,area_km2\n00001,Một,phường,01,Hà Nội,1000,2\n";
    small.qa = qa_header;
    const auto problems = small.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == small.path("communes.csv"));
    CHECK(problems[0].line == 1);
    CHECK(problems[0].key == "population");
  }
  SECTION("a row with a missing field") {
    SmallDataset small("national_fields");
    small.communes += "00004,Bốn,xã,96,Cà Mau,500\n";
    const auto problems = small.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == small.path("communes.csv"));
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "area_km2");
  }
  SECTION("a population that is not a number") {
    SmallDataset small("national_number");
    small.communes += "00004,Bốn,xã,96,Cà Mau,12k,5\n";
    const auto problems = small.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "population");
    CHECK(problems[0].to_string().find("'12k'") != std::string::npos);
  }
  SECTION("a duplicate code") {
    SmallDataset small("national_duplicate");
    small.communes += "00002,Hai bis,xã,96,Cà Mau,10,1\n";
    const auto problems = small.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "code");
    CHECK(problems[0].message.find("first on line 3") != std::string::npos);
  }
  SECTION("an unknown type and an unknown province, both reported") {
    SmallDataset small("national_type");
    small.communes += "00004,Bốn,huyện,96,Cà Mau,10,1\n00005,Năm,xã,99,Nowhere,10,1\n";
    const auto problems = small.problems();
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "type");
    CHECK(problems[1].line == 6);
    CHECK(problems[1].key == "province_code");
  }
  SECTION("a QA row for a unit that does not exist") {
    SmallDataset small("national_qa");
    small.qa += "00009,9,Xã Chín,96,1,1,1,00009,Chín,\n";
    const auto problems = small.problems();
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == small.path("communes_qa.csv"));
    CHECK(problems[0].line == 4);
    CHECK(problems[0].key == "code");
  }
}

TEST_CASE(
    "A unit code that is not a number is a dataset problem at its line and column, not a "
    "crash",
    "[scenario]") {
  // It was read with std::stoull when the centers were built: "internal error: stoull".
  for (const std::string code : {"0O004", "", "-4", "4 ", "1234567890123456789"}) {
    SmallDataset small("national_code");
    small.communes += code + ",Bốn,xã,96,Cà Mau,10,1\n";
    const auto problems = small.problems();
    INFO(code);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == small.path("communes.csv"));
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "code");
    CHECK(problems[0].message ==
          "column 1: expected a unit code of 1 to 18 digits, got '" + code + "'");
  }
}

TEST_CASE("Dataset numbers outside their range or not finite are refused with the range",
          "[scenario]") {
  for (const std::string population : {"1e300", "inf", "nan", "-5", "10000001", "0x10"}) {
    SmallDataset small("national_range");
    small.communes += "00004,Bốn,xã,96,Cà Mau," + population + ",1\n";
    const auto problems = small.problems();
    INFO(population);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == 5);
    CHECK(problems[0].key == "population");
    CHECK(problems[0].message ==
          "column 6: expected a number from 0 to 10000000, got '" + population + "'");
  }
}

TEST_CASE("A unit's code keys its streams as the number it spells", "[scenario]") {
  SmallDataset small("national_number_code");
  const auto data = small.load();
  CHECK(data.units[0].number == 1);
  CHECK(data.units[2].number == 3);
}

TEST_CASE("A dataset line longer than the limit is refused with its line", "[scenario]") {
  SmallDataset small("national_long");
  small.communes += "00004,Bốn" + std::string(70000, 'x') + ",xã,96,Cà Mau,10,1\n";
  const auto problems = small.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].file == small.path("communes.csv"));
  CHECK(problems[0].line == 5);
  CHECK(problems[0].message.find("longer than the limit of 65536 bytes") != std::string::npos);
}

TEST_CASE("A broken quote names the column where it starts", "[scenario]") {
  SmallDataset small("national_quote");
  small.communes += "00004,\"Bốn,xã,96,Cà Mau,10,1\n";
  const auto problems = small.problems();
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 5);
  CHECK(problems[0].message == "column 2: unterminated quoted field (a field cannot span lines)");
}
