// Text outputs written whole or not at all: a temporary name, renamed when complete.
#pragma once

#include <string>

namespace sim::io {

/// Writes `text` to `path` under the temporary name PATH.partial-PID (removed on SIGINT and
/// SIGTERM, and on failure) and renames it to `path` only once everything is written, so a
/// file at `path` is never half-written. Throws io::OutputError naming the path on failure.
void write_whole_file(const std::string& path, const std::string& text);

/// The file's bytes, or an empty string when it cannot be read (e.g. it does not exist yet).
std::string read_whole_file_or_empty(const std::string& path);

}  // namespace sim::io
