// A small CSV reader for the national dataset: a fixed header, one record per line.
#include "sim/scenario/csv_table.hpp"

#include <fstream>

namespace sim::scenario {
namespace {

/// Splits one line into fields; false (with `error`) on a malformed quote.
bool split_fields(const std::string& line, std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          error = "unterminated quoted field (a field cannot span lines)";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        error = "text after a closing quote";
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ',') field += line[i++];
    }
    fields.push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

}  // namespace

void read_csv(const std::string& path, const std::vector<std::string>& columns, CsvTable& table,
              std::vector<Problem>& problems) {
  table.path = path;
  table.columns = columns;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({path, 0, "", "cannot open the file"});
    return;
  }
  std::string line;
  std::uint32_t number = 0;
  bool header_seen = false;
  std::vector<std::string> fields;
  std::string error;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;  // blank lines (e.g. at the end) carry nothing
    if (!split_fields(line, fields, error)) {
      problems.push_back({path, number, "", error});
      if (!header_seen) return;  // a broken header: the columns are unknown
      continue;
    }
    if (!header_seen) {
      header_seen = true;
      if (columns.empty()) {  // any header: the file's own columns
        table.columns = fields;
        continue;
      }
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c >= fields.size()) {
          problems.push_back({path, number, columns[c], "header: missing column"});
          return;
        }
        if (fields[c] != columns[c]) {
          problems.push_back(
              {path, number, columns[c],
               "header: expected column '" + columns[c] + "', got '" + fields[c] + "'"});
          return;
        }
      }
      if (fields.size() > columns.size()) {
        problems.push_back({path, number, fields[columns.size()], "header: unexpected column"});
        return;
      }
      continue;
    }
    const auto& expected = table.columns;
    if (fields.size() != expected.size()) {
      const std::string key = fields.size() < expected.size()
                                  ? expected[fields.size()]
                                  : "field " + std::to_string(expected.size() + 1);
      problems.push_back({path, number, key,
                          "expected " + std::to_string(expected.size()) + " fields, got " +
                              std::to_string(fields.size())});
      continue;
    }
    table.rows.push_back({number, fields});
  }
  if (!header_seen) {
    problems.push_back({path, 0, "", "empty file: no header row"});
  }
}

}  // namespace sim::scenario
