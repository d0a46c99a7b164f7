// Loads the national dataset (every commune-level unit and province) and applies its handling
// rules.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/input_error.hpp"

namespace sim::scenario {

/// The administrative type of a commune-level unit (official July-2025 GSO list).
enum class UnitType { xa, phuong, dac_khu };

/// How a unit is served. Hà Nội and Quảng Ninh run one provincial one-level center whose
/// service points in the communes are branches; elsewhere each unit has its own center,
/// except units without resident population.
enum class CenterKind { commune_center, branch, no_center };

/// Handling flags set by the loader; a unit carries a bit set of them (docs/national.md).
enum class UnitFlag : std::uint32_t {
  population_adjusted = 1u << 0,  ///< scaled so the province's commune sum matches its record
  area_adjusted = 1u << 1,        ///< same, for the area
  duplicate_values = 1u << 2,     ///< source gives the same area and population as another unit
  tiny = 1u << 3,                 ///< 0 < population < 2,000; kept as is
  suspect_low = 1u << 4,          ///< QA says the population looks too low for the area; kept
  zero_population = 1u << 5,      ///< population 0 (Hoàng Sa)
  no_center = 1u << 6,            ///< no service point modelled (kind no_center)
  source_code_differs = 1u << 7,  ///< source B used another code; matched by province and name
  area_uncertain = 1u << 8,       ///< sources disagree on the area; source B's value kept
  population_derived = 1u << 9,   ///< population was missing and derived by rule
  area_derived = 1u << 10,        ///< area was missing and derived by rule
};

/// The commune centers the ministry reported in operation (DOMAIN.md, source 004). The
/// dataset's rule gives one more (see docs/national.md: the gap is unexplained).
inline constexpr int ministry_commune_centers = 3139;

/// One commune-level unit after the handling rules.
struct NationalUnit {
  std::string code;          ///< 5-digit GSO code, kept as text (leading zeros)
  std::uint64_t number = 0;  ///< the code as a number: it keys the center's random streams
  std::string name;          ///< official name without the type word; UTF-8 bytes as in the file
  UnitType type = UnitType::xa;
  std::string province_code;
  std::string province_name;
  double population = 0;         ///< planning figure (quy mô dân số) after the rules
  double source_population = 0;  ///< as in communes.csv (0 when it was missing)
  double area_km2 = 0;           ///< after the rules
  CenterKind kind = CenterKind::commune_center;
  std::string parent_center;  ///< branches: the province code of their one-level center; else ""
  std::uint32_t flags = 0;    ///< UnitFlag bits
  std::string qa_flags;       ///< the raw `flags` field of communes_qa.csv (";"-separated)

  bool has(UnitFlag flag) const { return (flags & static_cast<std::uint32_t>(flag)) != 0; }
};

/// One province with its record (provinces.csv) and the counts of its units (communes.csv).
struct NationalProvince {
  std::string code;
  std::string name;
  std::string full_name;
  int units = 0;  ///< counted from communes.csv
  int xa = 0;
  int phuong = 0;
  int dac_khu = 0;
  double population_record = 0;  ///< the province record (NQ 202/2025/QH15 or bando)
  double area_record_km2 = 0;
  double population = 0;          ///< sum of its units' populations after the rules
  bool one_level_center = false;  ///< its units are branches of one provincial center
  int commune_centers = 0;
  int branches = 0;
  int no_centers = 0;
};

/// Units in the order of communes.csv (the official list), provinces in the order of provinces.csv.
struct NationalDataset {
  std::vector<NationalUnit> units;
  std::vector<NationalProvince> provinces;
  std::vector<std::string> files;  ///< the CSV files read: communes, provinces, QA

  const NationalUnit* find_unit(const std::string& code) const;
  const NationalProvince* find_province(const std::string& code) const;
  int count(CenterKind kind) const;
  int count(UnitFlag flag) const;
  double total_population() const;  ///< sum of unit populations after the rules
};

/// The provinces whose units are branches of a provincial one-level center: Hà Nội (01) and
/// Quảng Ninh (22), as the ministry reports them (DOMAIN.md, source 004).
const std::vector<std::string>& default_one_level_provinces();

/// Reads the three CSV files and applies the handling rules. Throws InputError naming the
/// file, line and column of every problem (missing file, wrong header, wrong field count,
/// bad number or type, duplicate or unknown code). Codes of `one_level_provinces` that are not
/// in provinces.csv are ignored (a regional subset loads with the default list).
NationalDataset load_national_dataset(
    const std::string& communes_csv, const std::string& provinces_csv, const std::string& qa_csv,
    const std::vector<std::string>& one_level_provinces = default_one_level_provinces());

/// Same, with the files communes.csv, provinces.csv and communes_qa.csv of one folder
/// (e.g. scenarios/data).
NationalDataset load_national_dataset(const std::string& folder);

const char* to_string(UnitType type);
const char* to_string(CenterKind kind);
/// Names of the flags set in `flags`, in bit order (e.g. {"population_adjusted", "tiny"}).
std::vector<std::string> flag_names(std::uint32_t flags);

}  // namespace sim::scenario
