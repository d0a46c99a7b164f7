// Size, line-length and nesting limits on input files, checked before anything is parsed.
#include "sim/scenario/text_limits.hpp"

#include <array>
#include <filesystem>
#include <fstream>

namespace sim::scenario {
namespace {

/// Skips the string starting at text[i] (a quote), counting the newlines of a multi-line
/// string; returns the index after it. A single-line string stops at the end of its line.
std::size_t skip_string(std::string_view text, std::size_t i, std::size_t& line) {
  const char quote = text[i];
  const bool basic = quote == '"';
  if (text.compare(i, 3, std::string(3, quote)) == 0) {
    for (i += 3; i < text.size(); ++i) {
      if (text[i] == '\n') ++line;
      if (basic && text[i] == '\\') {
        if (i + 1 < text.size() && text[i + 1] == '\n') ++line;
        ++i;
        continue;
      }
      if (text.compare(i, 3, std::string(3, quote)) == 0) {
        // Up to two quotes may end the content just before the closing three.
        std::size_t run = 0;
        while (i + run < text.size() && text[i + run] == quote && run < 5) ++run;
        return i + run;
      }
    }
    return text.size();
  }
  for (++i; i < text.size() && text[i] != '\n'; ++i) {
    if (basic && text[i] == '\\') {
      if (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (text[i] == quote) return i + 1;
  }
  return i;
}

/// The number of key segments of a table header starting at text[i] ('['); moves i to its end.
std::size_t header_depth(std::string_view text, std::size_t& i, std::size_t& line) {
  std::size_t depth = 1;
  if (i + 1 < text.size() && text[i + 1] == '[') {
    ++depth;  // an array of tables holds tables one level further down
    ++i;
  }
  for (++i; i < text.size() && text[i] != '\n' && text[i] != ']';) {
    if (text[i] == '"' || text[i] == '\'') {
      i = skip_string(text, i, line);
      continue;
    }
    if (text[i] == '.') ++depth;
    ++i;
  }
  return depth;
}

/// "a scenario file", "an overlay file".
std::string with_article(const std::string& what) {
  const bool vowel = !what.empty() && std::string("aeiou").find(what.front()) != std::string::npos;
  return (vowel ? "an " : "a ") + what;
}

}  // namespace

std::optional<std::string> read_text_file(const std::string& path, const std::string& what,
                                          const TextLimits& limits,
                                          std::vector<Problem>& problems) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    problems.push_back({path, 0, "", "is a folder, expected " + with_article(what)});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems.push_back({path, 0, "", "cannot open " + what});
    return std::nullopt;
  }
  // Read in blocks and stop one block past the limit, so that a huge file or an endless stream
  // (a FIFO, /dev/zero) is refused without being read whole. (Allocating the limit up front
  // zeroed tens of megabytes for every small file: the dataset fuzzer found it.)
  std::string text;
  std::array<char, 1 << 16> block;
  while (text.size() <= limits.max_bytes &&
         in.read(block.data(), static_cast<std::streamsize>(block.size())).gcount() > 0)
    text.append(block.data(), static_cast<std::size_t>(in.gcount()));
  if (text.size() > limits.max_bytes) {
    problems.push_back(
        {path, 0, "",
         what + " is larger than the limit of " + std::to_string(limits.max_bytes) + " bytes"});
    return std::nullopt;
  }
  return text;
}

bool check_text_limits(std::string_view text, const std::string& path, const TextLimits& limits,
                       std::vector<Problem>& problems) {
  if (text.size() > limits.max_bytes) {
    problems.push_back({path, 0, "",
                        "text of " + std::to_string(text.size()) + " bytes is larger than the " +
                            "limit of " + std::to_string(limits.max_bytes) + " bytes"});
    return false;
  }
  std::uint32_t line = 1;
  for (std::size_t start = 0; start < text.size(); ++line) {
    const auto end = std::min(text.find('\n', start), text.size());
    if (end - start > limits.max_line_bytes) {
      problems.push_back({path, line, "",
                          "line of " + std::to_string(end - start) + " bytes is longer than the " +
                              "limit of " + std::to_string(limits.max_line_bytes) + " bytes"});
      return false;
    }
    start = end + 1;
  }
  return true;
}

Nesting toml_nesting(std::string_view text) {
  struct Open {
    std::size_t depth;  ///< depth of what is inside this array or inline table
    bool table;
  };
  Nesting deepest;
  std::vector<Open> open;
  std::size_t line = 1;
  std::size_t base = 0;     // depth of the table that keys now go into
  std::size_t dots = 0;     // dots of the key being read
  std::size_t current = 0;  // depth of the value being read
  bool in_key = true;       // before '=' (a key) or after (a value)
  bool line_start = true;   // at top level with only blanks so far on this line
  std::size_t header = 0;   // depth of the last [table] header
  const auto reach = [&](std::size_t depth) {
    if (depth > deepest.depth) deepest = {depth, line};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      if (open.empty()) {
        in_key = line_start = true;
        base = header;
        dots = 0;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    if (c == '#') {
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      i = skip_string(text, i, line) - 1;
      line_start = false;
      continue;
    }
    if (line_start && open.empty() && c == '[') {
      header = base = header_depth(text, i, line);
      reach(header);
      line_start = false;
      continue;
    }
    line_start = false;
    if (c == '[' && !in_key) {
      open.push_back({++current, false});
      reach(current);
    } else if (c == '{' && !in_key) {
      open.push_back({current, true});  // its keys are one level down, as under a [header]
      in_key = true;
      base = current;
      dots = 0;
    } else if ((c == ']' || c == '}') && !open.empty()) {
      open.pop_back();
      in_key = false;
      current = open.empty() ? base : open.back().depth;
    } else if (c == ',' && !open.empty()) {
      in_key = open.back().table;
      current = base = open.back().depth;
      dots = 0;
    } else if (in_key && c == '.') {
      ++dots;
    } else if (in_key && c == '=') {
      in_key = false;
      current = base + dots + 1;
      reach(current);
    }
  }
  return deepest;
}

}  // namespace sim::scenario
