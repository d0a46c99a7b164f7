// `motcua report`: turn a results file into plots and one HTML page by running analysis/report.py.
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "sim/cli/cli.hpp"
#include "sim/cli/exit_codes.hpp"

extern char** environ;  // NOLINT: POSIX; passed on so the script sees the user's environment

namespace sim::cli {
namespace {

namespace po = boost::program_options;

// The report is drawn by Debian's Python with its matplotlib, never a virtualenv's python3.
constexpr const char* python = "/usr/bin/python3";

/// The folder holding report.py: $MOTCUA_ANALYSIS_DIR if set, else the source tree's analysis/
/// folder baked in at configure time. The second flag says whether it came from the environment.
std::pair<std::string, bool> analysis_dir() {
  if (const char* env = std::getenv("MOTCUA_ANALYSIS_DIR"); env != nullptr && *env != '\0')
    return {env, true};
  return {MOTCUA_ANALYSIS_DIR, false};
}

/// Closes a file descriptor once, on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

/// Copies everything the child writes to its stdout and stderr into out and err, until both
/// pipes are closed. Both are read together (poll) so that a child filling one pipe while we
/// block on the other cannot deadlock.
void forward(Fd& child_out, Fd& child_err, std::ostream& out, std::ostream& err) {
  std::array<char, 4096> buf{};
  while (child_out.fd >= 0 || child_err.fd >= 0) {
    std::array<pollfd, 2> fds{{{child_out.fd, POLLIN, 0}, {child_err.fd, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      Fd& src = i == 0 ? child_out : child_err;
      const ssize_t n = ::read(src.fd, buf.data(), buf.size());
      if (n > 0) {
        (i == 0 ? out : err).write(buf.data(), n);
      } else if (n == 0 || errno != EINTR) {
        src.close();  // end of file (or a read error): this stream is done
      }
    }
  }
  out.flush();
  err.flush();
}

/// Runs argv[0] with argv, its output copied into out and err; returns its exit code.
///
/// posix_spawn, not std::system or popen: those go through /bin/sh, so a results file or folder
/// named "ward 3/tuần 1.h5" would have to be quoted for the shell, and a name containing a quote
/// or `$(...)` would be run as a command. An argv array reaches the script byte for byte.
int spawn_and_wait(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  std::array<int, 2> out_pipe{-1, -1};
  std::array<int, 2> err_pipe{-1, -1};
  // O_CLOEXEC: the read ends must not stay open in the child, or we would never see EOF.
  if (::pipe2(out_pipe.data(), O_CLOEXEC) != 0 || ::pipe2(err_pipe.data(), O_CLOEXEC) != 0) {
    err << "motcua report: cannot create a pipe: " << std::strerror(errno) << "\n";
    return exit_internal;
  }
  Fd out_r{out_pipe[0]}, out_w{out_pipe[1]}, err_r{err_pipe[0]}, err_w{err_pipe[1]};

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out_w.fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_w.fd, STDERR_FILENO);
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawn(&pid, argv[0].c_str(), &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  out_w.close();  // the child holds its own copies; ours would keep the pipes open forever
  err_w.close();
  if (rc != 0) {
    err << "motcua report: cannot run " << argv[0] << ": " << std::strerror(rc)
        << " (Debian packages python3, python3-h5py, python3-pandas, python3-matplotlib)\n";
    return exit_internal;
  }
  forward(out_r, err_r, out, err);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      err << "motcua report: lost the report process: " << std::strerror(errno) << "\n";
      return exit_internal;
    }
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);  // 0, 2 (bad input) or 3, as the script says
  err << "motcua report: the report script was killed by signal " << WTERMSIG(status) << "\n";
  return exit_internal;
}

}  // namespace

int report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description visible(
      "motcua report RESULTS.h5 -o OUTDIR [--lang vi|en|both] : plots and self-contained HTML\n"
      "pages from a results file, with a plain-language summary. --lang both (the default)\n"
      "writes OUTDIR/index.html in English with the Vietnamese summary beside it and\n"
      "OUTDIR/index.vi.html, all in Vietnamese; vi or en write one OUTDIR/index.html. Runs\n"
      "/usr/bin/python3 analysis/report.py; set MOTCUA_ANALYSIS_DIR to use another analysis\n"
      "folder. Exit codes: 0 ok, 2 bad input (missing or non-motcua file, bad output folder,\n"
      "unknown language), 3 internal error.\n\noptions");
  visible.add_options()("output,o", po::value<std::string>(),
                        "folder to write (created if missing)")(
      "lang", po::value<std::string>()->default_value("both"), "page language: vi, en or both")(
      "help,h", "show this help");
  const auto vm = parse_arguments(args, visible, "results");
  if (printed_help(vm, visible, out)) return exit_ok;
  if (!vm.count("results")) throw po::error("no results file given");
  const auto results = vm["results"].as<std::vector<std::string>>();
  if (results.size() > 1) throw po::error("one results file at a time");
  if (!vm.count("output")) throw po::error("no output folder given (-o OUTDIR)");
  const auto lang = vm["lang"].as<std::string>();
  if (lang != "vi" && lang != "en" && lang != "both")
    throw po::error("--lang " + lang + ": expected vi, en or both");

  const auto [dir, from_env] = analysis_dir();
  const std::string script = (std::filesystem::path(dir) / "report.py").string();
  if (!std::filesystem::is_regular_file(script)) {
    err << "motcua report: " << script << " not found"
        << (from_env
                ? " (MOTCUA_ANALYSIS_DIR points elsewhere)\n"
                : " (the source tree moved? set MOTCUA_ANALYSIS_DIR to its analysis folder)\n");
    return from_env ? exit_bad_input : exit_internal;
  }
  // -B: do not write __pycache__ into the analysis folder, which may be read-only or a checkout.
  return spawn_and_wait(
      {python, "-B", script, results.front(), "-o", vm["output"].as<std::string>(), "--lang", lang},
      out, err);
}

}  // namespace sim::cli

namespace sim::cli {

int run_analysis_script(const std::string& script_name, const std::vector<std::string>& args,
                        std::ostream& out, std::ostream& err) {
  const auto [dir, from_env] = analysis_dir();
  const std::string script = (std::filesystem::path(dir) / script_name).string();
  if (!std::filesystem::is_regular_file(script)) {
    err << "motcua: " << script << " not found"
        << (from_env ? " (MOTCUA_ANALYSIS_DIR points elsewhere)\n"
                     : " (the source tree moved? set MOTCUA_ANALYSIS_DIR)\n");
    return from_env ? exit_bad_input : exit_internal;
  }
  std::vector<std::string> argv = {python, "-B", script};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_and_wait(argv, out, err);
}

}  // namespace sim::cli
