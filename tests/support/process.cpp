#include "support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "support/net.hpp"

namespace tlsprobe::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Forks and execs argv in a new process group, stdin from /dev/null, stdout and stderr to
// log_file. Everything the child touches is prepared before fork(): between fork and exec
// only async-signal-safe calls are allowed.
pid_t spawn(const std::vector<std::string>& argv, const std::filesystem::path& log_file) {
  if (argv.empty()) throw std::invalid_argument("spawn: empty argv");
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  const int log_fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log_file.string() + ": " + std::strerror(errno));
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) {
    ::close(log_fd);
    throw std::runtime_error("cannot open /dev/null");
  }
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    // If the test binary dies without running destructors (SIGKILL from a CTest timeout),
    // its servers must not outlive it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::signal(SIGPIPE, SIG_DFL);
    ::dup2(null_fd, 0);
    ::dup2(log_fd, 1);
    ::dup2(log_fd, 2);
    ::execvp(args[0], args.data());
    static const char msg[] = "exec failed\n";
    [[maybe_unused]] auto ignored = ::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(log_fd);
  ::close(null_fd);
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  // Also from the parent, so a kill(-pid) right after fork cannot miss the group.
  ::setpgid(pid, pid);
  return pid;
}

// True once the process has exited; WNOWAIT leaves the zombie, so its pid (and with it the
// process group id) cannot be reused before we signal the group.
bool has_exited(pid_t pid) {
  siginfo_t info{};
  if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) return true;
  return info.si_pid == pid;
}

bool wait_exit(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  while (!has_exited(pid)) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

int reap(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void terminate_group(pid_t pid) {
  ::kill(-pid, SIGTERM);
  if (!wait_exit(pid, 3000ms)) ::kill(-pid, SIGKILL);
  // Children the leader left behind go too.
  ::kill(-pid, SIGKILL);
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

ServerProcess::ServerProcess(ServerSpec spec) : spec_(std::move(spec)) {
  pid_ = spawn(spec_.argv, spec_.log_file);
  const auto deadline = Clock::now() + spec_.ready_timeout;
  std::string why;
  for (;;) {
    if (has_exited(pid_)) {
      why = "exited before listening on " + spec_.host + ":" + std::to_string(spec_.port);
      break;
    }
    if (port_accepts(spec_.host, spec_.port)) return;
    if (Clock::now() >= deadline) {
      why = "did not listen on " + spec_.host + ":" + std::to_string(spec_.port) + " within " +
            std::to_string(spec_.ready_timeout.count()) + " ms";
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  stop();
  std::string command;
  for (const auto& a : spec_.argv) command += a + " ";
  // doctest prints the message of an exception that escapes a test: the log goes with it.
  throw std::runtime_error(spec_.name + " " + why + "\ncommand: " + command + "\n--- log ---\n" + log_text() +
                           "--- end of log ---");
}

ServerProcess::ServerProcess(ServerProcess&& other) noexcept : spec_(std::move(other.spec_)), pid_(other.pid_) {
  other.pid_ = -1;
}

ServerProcess::~ServerProcess() { stop(); }

void ServerProcess::stop() noexcept {
  if (pid_ <= 0) return;
  terminate_group(pid_);
  reap(pid_);
  pid_ = -1;
}

bool ServerProcess::running() { return pid_ > 0 && !has_exited(pid_); }

std::string ServerProcess::log_text() const { return read_file(spec_.log_file); }

CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& log_file,
                          std::chrono::milliseconds timeout) {
  const pid_t pid = spawn(argv, log_file);
  CommandResult result;
  const bool finished = wait_exit(pid, timeout);
  if (!finished) terminate_group(pid);
  result.exit_code = reap(pid);
  if (!finished) result.exit_code = -1;
  result.output = read_file(log_file);
  return result;
}

}  // namespace tlsprobe::test
