// Size, line-length and nesting limits on input files, checked before anything is parsed.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/input_error.hpp"

namespace sim::scenario {

/// What an input file may be at most. The limits are far above every shipped file (the largest
/// TOML file is 41 kB with 289-byte lines and 4 levels of nesting; the largest CSV 231 kB) and
/// far below what would exhaust memory or the stack: toml++ and the loaders recurse once per
/// level of nesting, and a header nested 60,000 levels deep crashed the parser.
struct TextLimits {
  std::size_t max_bytes;
  std::size_t max_line_bytes;
  std::size_t max_depth;  ///< TOML only: tables and arrays inside each other, dotted keys included
};

inline constexpr TextLimits toml_limits{4u << 20, 64u << 10, 64};
inline constexpr TextLimits csv_limits{64u << 20, 64u << 10, 0};

/// Reads a whole file as bytes. A folder, an unreadable file or one above `limits.max_bytes`
/// (checked before reading) is a problem naming the file and `what` ("scenario file").
std::optional<std::string> read_text_file(const std::string& path, const std::string& what,
                                          const TextLimits& limits, std::vector<Problem>& problems);

/// Checks `text` against the size and line-length limits, appending a problem with the line.
bool check_text_limits(std::string_view text, const std::string& path, const TextLimits& limits,
                       std::vector<Problem>& problems);

/// The deepest nesting of TOML `text` and the line where it is reached, from a lexical scan
/// that skips strings and comments: a header's key segments, then per value its dotted key
/// segments and every array or inline table it opens. It never under-counts what toml++
/// builds, so a text within the limit is within it once parsed.
struct Nesting {
  std::size_t depth = 0;
  std::size_t line = 0;
};
Nesting toml_nesting(std::string_view text);

}  // namespace sim::scenario
