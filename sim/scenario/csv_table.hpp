// A small CSV reader (national dataset, ticket logs): a header, one record per line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/input_error.hpp"

namespace sim::scenario {

// Hand-written because no CSV library is among the project's allowed (Debian) dependencies,
// and the dataset needs very little: one record per line, an optional UTF-8 BOM, LF or CRLF
// endings (the shipped files use CRLF), and RFC 4180 double-quoted fields on one line.
// Field bytes are kept as they are, so UTF-8 names pass through untouched.

struct CsvRow {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string path;
  std::vector<std::string> columns;
  std::vector<CsvRow> rows;
};

/// Reads a CSV file whose header must be exactly `columns` (an empty `columns` accepts any
/// header: the file's own columns become table.columns), appending problems (file, line,
/// column). Rows with the wrong number of fields are left out; when the file is missing, above
/// csv_limits (size, line length) or its header is wrong, no rows are read.
void read_csv(const std::string& path, const std::vector<std::string>& columns, CsvTable& table,
              std::vector<Problem>& problems);

/// A field as a finite number, read with std::from_chars (no locale; no blanks, no '+'), or
/// nullopt: the caller names the file, line and column in its message.
std::optional<double> parse_csv_number(std::string_view text);
/// A field as a whole number from 0 to 2^64 - 1 (digits only), or nullopt.
std::optional<std::uint64_t> parse_csv_integer(std::string_view text);

}  // namespace sim::scenario
