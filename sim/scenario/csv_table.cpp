// A small CSV reader (national dataset, ticket logs): a header, one record per line.
#include "sim/scenario/csv_table.hpp"

#include <charconv>
#include <cmath>

#include "sim/scenario/text_limits.hpp"

namespace sim::scenario {
namespace {

/// Splits one line into fields; false (with `error`, naming the 1-based column) on a
/// malformed quote.
bool split_fields(std::string_view line, std::vector<std::string>& fields, std::string& error) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    const std::string column = "column " + std::to_string(fields.size() + 1) + ": ";
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          error = column + "unterminated quoted field (a field cannot span lines)";
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
        error = column + "text after a closing quote";
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

/// Checks the header row against `columns`; false (with a problem) when it differs.
bool check_header(const std::vector<std::string>& fields, const std::vector<std::string>& columns,
                  const std::string& path, std::uint32_t line, std::vector<Problem>& problems) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (c >= fields.size()) {
      problems.push_back({path, line, columns[c], "header: missing column"});
      return false;
    }
    if (fields[c] != columns[c]) {
      problems.push_back({path, line, columns[c],
                          "header: expected column '" + columns[c] + "', got '" + fields[c] + "'"});
      return false;
    }
  }
  if (fields.size() > columns.size()) {
    problems.push_back({path, line, fields[columns.size()], "header: unexpected column"});
    return false;
  }
  return true;
}

}  // namespace

std::optional<double> parse_csv_number(std::string_view text) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_csv_integer(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

void read_csv(const std::string& path, const std::vector<std::string>& columns, CsvTable& table,
              std::vector<Problem>& problems) {
  table.path = path;
  table.columns = columns;
  const auto text = read_text_file(path, "CSV file", csv_limits, problems);
  if (!text || !check_text_limits(*text, path, csv_limits, problems)) return;
  std::string_view rest(*text);
  std::uint32_t number = 0;
  bool header_seen = false;
  std::vector<std::string> fields;
  std::string error;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    ++number;
    if (number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;  // blank lines (e.g. at the end) carry nothing
    if (!split_fields(line, fields, error)) {
      problems.push_back({path, number, "", error});
      if (!header_seen) return;  // a broken header: the columns are unknown
      continue;
    }
    if (!header_seen) {
      if (columns.empty()) {
        table.columns = fields;  // any header: the file's own columns
      } else if (!check_header(fields, columns, path, number, problems)) {
        return;
      }
      header_seen = true;
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
