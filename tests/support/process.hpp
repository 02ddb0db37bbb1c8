#pragma once
// Child processes for tests: real servers in their own process group, output to a log
// file, always stopped and reaped by the object that started them.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tlsprobe::test {

struct ServerSpec {
  std::string name;                 // for messages: "s_server -tls1_2"
  std::vector<std::string> argv;    // argv[0] is looked up on PATH unless absolute
  std::string host = "127.0.0.1";   // where readiness is checked
  std::uint16_t port = 0;
  std::filesystem::path log_file;   // stdout and stderr of the server
  std::chrono::milliseconds ready_timeout{10000};
};

class ServerProcess {
 public:
  // Returns once the port accepts TCP connections. Throws (with the server's log in the
  // message) when the process exits first or the port stays closed past ready_timeout.
  explicit ServerProcess(ServerSpec spec);
  ~ServerProcess();
  ServerProcess(ServerProcess&& other) noexcept;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ServerProcess& operator=(ServerProcess&&) = delete;

  // SIGTERM to the whole group, SIGKILL after a grace period, then reap. Idempotent.
  void stop() noexcept;
  bool running();
  std::uint16_t port() const { return spec_.port; }
  const std::string& name() const { return spec_.name; }
  std::string log_text() const;

 private:
  ServerSpec spec_;
  pid_t pid_ = -1;
};

struct CommandResult {
  int exit_code = -1;  // -1: killed by a signal or by the timeout
  std::string output;  // stdout and stderr
};

// Runs a short command to completion, killing it after `timeout`.
CommandResult run_command(const std::vector<std::string>& argv, const std::filesystem::path& log_file,
                          std::chrono::milliseconds timeout);

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

}  // namespace tlsprobe::test
