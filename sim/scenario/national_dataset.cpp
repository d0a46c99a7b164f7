// Loads the national dataset (every commune-level unit and province) and applies its handling
// rules.
#include "sim/scenario/national_dataset.hpp"

#include "sim/scenario/csv_table.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace sim::scenario {
namespace {

/// The largest values the dataset may hold: far above every real figure (the largest commune
/// has 250,661 residents on 1,114 km2, the largest province 14.0 million on 24,233 km2) and low
/// enough that a typo cannot make a national run's demand, and so its work, unbounded.
constexpr double max_unit_population = 10e6;
constexpr double max_province_population = 200e6;
constexpr double max_area_km2 = 1e6;

/// Reads a number column between 0 and `max`; an empty field is allowed only when
/// `may_be_empty` (returns nullopt). The problem names the file, line and column.
std::optional<double> number_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                   bool may_be_empty, double max, std::vector<Problem>& problems) {
  const std::string& text = row.fields[column];
  if (text.empty() && may_be_empty) return std::nullopt;
  const auto value = parse_csv_number(text);
  if (!value || !(*value >= 0 && *value <= max)) {
    problems.push_back({table.path, row.line, table.columns[column],
                        "column " + std::to_string(column + 1) + ": expected a number from 0 to " +
                            std::to_string(static_cast<long long>(max)) + ", got '" + text + "'"});
    return std::nullopt;
  }
  return value;
}

/// A unit code: digits only (the GSO code, e.g. 00070), since its value keys the center's
/// random streams. The problem names the file, line and column.
std::optional<std::uint64_t> code_field(const CsvTable& table, const CsvRow& row,
                                        std::vector<Problem>& problems) {
  const std::string& text = row.fields[0];
  const bool digits = !text.empty() && text.size() <= 18 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) {
    problems.push_back({table.path, row.line, table.columns[0],
                        "column 1: expected a unit code of 1 to 18 digits, got '" + text + "'"});
    return std::nullopt;
  }
  return parse_csv_integer(text);
}

std::optional<UnitType> parse_type(const std::string& text) {
  if (text == "xã") return UnitType::xa;
  if (text == "phường") return UnitType::phuong;
  if (text == "đặc khu") return UnitType::dac_khu;
  return std::nullopt;
}

void set(NationalUnit& unit, UnitFlag flag) { unit.flags |= static_cast<std::uint32_t>(flag); }

const std::vector<std::string> commune_columns = {
    "code", "name", "type", "province_code", "province", "population", "area_km2"};
const std::vector<std::string> province_columns = {"code",
                                                   "name",
                                                   "full_name",
                                                   "kind",
                                                   "population",
                                                   "area_km2",
                                                   "units",
                                                   "xa",
                                                   "phuong",
                                                   "dac_khu",
                                                   "commune_population_sum",
                                                   "commune_area_sum_km2"};
const std::vector<std::string> qa_columns = {
    "code",     "official_stt",    "official_full_name", "province_code", "population",
    "area_km2", "density_per_km2", "source_code",        "source_name",   "flags"};

/// What a unit's QA flags ask of the rules, beyond the flag bits.
struct QaMarks {
  bool partial_values = false;  ///< values cover only part of the unit: scale up (rule 1)
};

/// Rule 1: a province's units flagged as partial are scaled by one factor so that the
/// province's commune sum equals its record. Only scaling up is applied: "partial" values can
/// only be too low, so a record that is already met leaves them (and their flag) unchanged.
void scale_partial_units(NationalDataset& data, const std::vector<QaMarks>& marks,
                         const NationalProvince& province, bool population) {
  double partial = 0;
  double others = 0;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    const auto& unit = data.units[i];
    if (unit.province_code != province.code) continue;
    const double value = population ? unit.population : unit.area_km2;
    (marks[i].partial_values ? partial : others) += value;
  }
  const double record = population ? province.population_record : province.area_record_km2;
  const double target = record - others;
  if (partial <= 0 || target <= partial) return;
  const double factor = target / partial;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    auto& unit = data.units[i];
    if (unit.province_code != province.code || !marks[i].partial_values) continue;
    if (population) {
      unit.population *= factor;
      set(unit, UnitFlag::population_adjusted);
    } else {
      unit.area_km2 *= factor;
      set(unit, UnitFlag::area_adjusted);
    }
  }
}

/// Rule 2: missing values. A missing population is the province record minus its other units,
/// shared by area among the units missing it; when nothing is left over, the province's density
/// times the unit's area. A missing area is the population over the province's density.
void derive_missing(NationalDataset& data, const std::vector<bool>& population_missing,
                    const std::vector<bool>& area_missing, const NationalProvince& province) {
  double known_population = 0;
  double missing_area = 0;
  double dense_population = 0;  // units with both values known, for the density
  double dense_area = 0;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    const auto& unit = data.units[i];
    if (unit.province_code != province.code) continue;
    if (population_missing[i]) {
      missing_area += unit.area_km2;
    } else {
      known_population += unit.population;
    }
    if (!population_missing[i] && !area_missing[i]) {
      dense_population += unit.population;
      dense_area += unit.area_km2;
    }
  }
  const double density = dense_area > 0 ? dense_population / dense_area : 0;
  const double residual = province.population_record - known_population;
  for (std::size_t i = 0; i < data.units.size(); ++i) {
    auto& unit = data.units[i];
    if (unit.province_code != province.code) continue;
    if (population_missing[i]) {
      unit.population = residual > 0 && missing_area > 0 ? residual * unit.area_km2 / missing_area
                                                         : density * unit.area_km2;
      set(unit, UnitFlag::population_derived);
    } else if (area_missing[i]) {
      unit.area_km2 = density > 0 ? unit.population / density : 0;
      set(unit, UnitFlag::area_derived);
    }
  }
}

}  // namespace

const NationalUnit* NationalDataset::find_unit(const std::string& code) const {
  for (const auto& unit : units) {
    if (unit.code == code) return &unit;
  }
  return nullptr;
}

const NationalProvince* NationalDataset::find_province(const std::string& code) const {
  for (const auto& province : provinces) {
    if (province.code == code) return &province;
  }
  return nullptr;
}

int NationalDataset::count(CenterKind kind) const {
  return static_cast<int>(
      std::count_if(units.begin(), units.end(), [&](const auto& u) { return u.kind == kind; }));
}

int NationalDataset::count(UnitFlag flag) const {
  return static_cast<int>(
      std::count_if(units.begin(), units.end(), [&](const auto& u) { return u.has(flag); }));
}

double NationalDataset::total_population() const {
  double total = 0;
  for (const auto& unit : units) total += unit.population;
  return total;
}

const std::vector<std::string>& default_one_level_provinces() {
  static const std::vector<std::string> codes = {"01", "22"};
  return codes;
}

NationalDataset load_national_dataset(const std::string& communes_csv,
                                      const std::string& provinces_csv, const std::string& qa_csv,
                                      const std::vector<std::string>& one_level_provinces) {
  std::vector<Problem> problems;
  NationalDataset data;
  data.files = {communes_csv, provinces_csv, qa_csv};

  // Provinces first: communes refer to them.
  CsvTable provinces;
  std::map<std::string, std::size_t> province_index;
  read_csv(provinces_csv, province_columns, provinces, problems);
  for (const auto& row : provinces.rows) {
    NationalProvince p;
    p.code = row.fields[0];
    p.name = row.fields[1];
    p.full_name = row.fields[2];
    if (p.code.empty()) {
      problems.push_back({provinces_csv, row.line, "code", "empty province code"});
      continue;
    }
    if (!province_index.emplace(p.code, data.provinces.size()).second) {
      problems.push_back({provinces_csv, row.line, "code", "duplicate province code " + p.code});
      continue;
    }
    p.population_record =
        number_field(provinces, row, 4, false, max_province_population, problems).value_or(0);
    p.area_record_km2 = number_field(provinces, row, 5, false, max_area_km2, problems).value_or(0);
    data.provinces.push_back(p);
  }
  // A code that is not in provinces.csv is ignored, so that a regional subset of the dataset
  // loads with the default list.
  for (const auto& code : one_level_provinces) {
    const auto it = province_index.find(code);
    if (it != province_index.end()) data.provinces[it->second].one_level_center = true;
  }

  CsvTable communes;
  std::map<std::string, std::size_t> unit_index;
  std::map<std::string, std::uint32_t> unit_line;
  std::vector<bool> population_missing;
  std::vector<bool> area_missing;
  const bool provinces_read = !data.provinces.empty();
  read_csv(communes_csv, commune_columns, communes, problems);
  for (const auto& row : communes.rows) {
    NationalUnit u;
    u.code = row.fields[0];
    u.name = row.fields[1];
    u.province_code = row.fields[3];
    u.province_name = row.fields[4];
    const auto number = code_field(communes, row, problems);
    if (!number) continue;
    u.number = *number;
    if (const auto first = unit_line.emplace(u.code, row.line); !first.second) {
      problems.push_back({communes_csv, row.line, "code",
                          "duplicate unit code " + u.code + " (first on line " +
                              std::to_string(first.first->second) + ")"});
      continue;
    }
    unit_index.emplace(u.code, data.units.size());
    if (u.name.empty()) problems.push_back({communes_csv, row.line, "name", "empty name"});
    if (const auto type = parse_type(row.fields[2])) {
      u.type = *type;
    } else {
      problems.push_back({communes_csv, row.line, "type",
                          "expected xã, phường or đặc khu, got '" + row.fields[2] + "'"});
    }
    const auto province = province_index.find(u.province_code);
    if (province == province_index.end()) {
      if (provinces_read) {
        problems.push_back({communes_csv, row.line, "province_code",
                            "province " + u.province_code + " is not in " + provinces_csv});
      }
    } else if (data.provinces[province->second].name != u.province_name) {
      problems.push_back({communes_csv, row.line, "province",
                          "province " + u.province_code + " is named '" +
                              data.provinces[province->second].name + "' in " + provinces_csv});
    }
    const auto population = number_field(communes, row, 5, true, max_unit_population, problems);
    const auto area = number_field(communes, row, 6, true, max_area_km2, problems);
    const bool no_population = row.fields[5].empty();
    const bool no_area = row.fields[6].empty();
    if (no_population && no_area) {
      problems.push_back({communes_csv, row.line, "population",
                          "population and area are both missing: nothing to derive either from"});
    }
    u.population = u.source_population = population.value_or(0);
    u.area_km2 = area.value_or(0);
    population_missing.push_back(no_population);
    area_missing.push_back(no_area);
    data.units.push_back(u);
  }

  CsvTable qa;
  std::vector<QaMarks> marks(data.units.size());
  std::map<std::string, std::uint32_t> qa_seen;
  read_csv(qa_csv, qa_columns, qa, problems);
  for (const auto& row : qa.rows) {
    const std::string& code = row.fields[0];
    const auto unit = unit_index.find(code);
    if (unit == unit_index.end()) {
      if (!data.units.empty()) {
        problems.push_back(
            {qa_csv, row.line, "code", "unit " + code + " is not in " + communes_csv});
      }
      continue;
    }
    if (!qa_seen.emplace(code, row.line).second) {
      problems.push_back({qa_csv, row.line, "code",
                          "duplicate unit code " + code + " (first on line " +
                              std::to_string(qa_seen[code]) + ")"});
      continue;
    }
    auto& u = data.units[unit->second];
    u.qa_flags = row.fields[9];
    std::istringstream tokens(u.qa_flags);
    std::string token;
    // Unknown QA flags are tolerated: they stay in qa_flags for the reader, with no rule.
    while (std::getline(tokens, token, ';')) {
      if (token.rfind("suspect_partial_values", 0) == 0) marks[unit->second].partial_values = true;
      if (token == "source_duplicate_area_pop") set(u, UnitFlag::duplicate_values);
      if (token == "suspect_population_low") set(u, UnitFlag::suspect_low);
      if (token.rfind("source_code_differs", 0) == 0) set(u, UnitFlag::source_code_differs);
      if (token.rfind("area_source_", 0) == 0) set(u, UnitFlag::area_uncertain);
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));

  for (const auto& province : data.provinces) {
    scale_partial_units(data, marks, province, true);
    scale_partial_units(data, marks, province, false);
    derive_missing(data, population_missing, area_missing, province);
  }

  for (auto& u : data.units) {
    auto& p = data.provinces[province_index.at(u.province_code)];
    if (u.population == 0) {
      set(u, UnitFlag::zero_population);
      set(u, UnitFlag::no_center);
      u.kind = CenterKind::no_center;
    } else if (p.one_level_center) {
      u.kind = CenterKind::branch;
      u.parent_center = p.code;
    }
    if (u.population > 0 && u.population < 2000) set(u, UnitFlag::tiny);
    ++p.units;
    ++(u.type == UnitType::xa ? p.xa : u.type == UnitType::phuong ? p.phuong : p.dac_khu);
    ++(u.kind == CenterKind::commune_center ? p.commune_centers
       : u.kind == CenterKind::branch       ? p.branches
                                            : p.no_centers);
    p.population += u.population;
  }
  return data;
}

NationalDataset load_national_dataset(const std::string& folder) {
  const std::filesystem::path dir(folder);
  return load_national_dataset((dir / "communes.csv").string(), (dir / "provinces.csv").string(),
                               (dir / "communes_qa.csv").string());
}

const char* to_string(UnitType type) {
  switch (type) {
    case UnitType::xa:
      return "xã";
    case UnitType::phuong:
      return "phường";
    case UnitType::dac_khu:
      return "đặc khu";
  }
  return "?";
}

const char* to_string(CenterKind kind) {
  switch (kind) {
    case CenterKind::commune_center:
      return "commune_center";
    case CenterKind::branch:
      return "branch";
    case CenterKind::no_center:
      return "no_center";
  }
  return "?";
}

std::vector<std::string> flag_names(std::uint32_t flags) {
  static const std::vector<std::pair<UnitFlag, const char*>> names = {
      {UnitFlag::population_adjusted, "population_adjusted"},
      {UnitFlag::area_adjusted, "area_adjusted"},
      {UnitFlag::duplicate_values, "duplicate_values"},
      {UnitFlag::tiny, "tiny"},
      {UnitFlag::suspect_low, "suspect_low"},
      {UnitFlag::zero_population, "zero_population"},
      {UnitFlag::no_center, "no_center"},
      {UnitFlag::source_code_differs, "source_code_differs"},
      {UnitFlag::area_uncertain, "area_uncertain"},
      {UnitFlag::population_derived, "population_derived"},
      {UnitFlag::area_derived, "area_derived"},
  };
  std::vector<std::string> out;
  for (const auto& [flag, name] : names) {
    if (flags & static_cast<std::uint32_t>(flag)) out.emplace_back(name);
  }
  return out;
}

}  // namespace sim::scenario
