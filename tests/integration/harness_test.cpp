// The test harness itself: if it cannot fail, the tests built on it prove nothing.
#include <doctest/doctest.h>
#include <signal.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "support/net.hpp"
#include "support/process.hpp"
#include "support/servers.hpp"

namespace tlsprobe::test {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// A zombie still answers kill(pid, 0); read its state instead.
bool process_alive(pid_t pid) {
  const auto stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (stat.empty()) return false;
  const auto close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
}

TEST_CASE("free_port hands out a loopback port nothing listens on") {
  const auto port = free_port();
  CHECK(port != 0);
  CHECK(!port_accepts("127.0.0.1", port));
}

TEST_CASE("ServerProcess stops the server and every process it started") {
  TempDir dir;
  const auto port = free_port();
  const auto pid_file = dir / "child.pid";
  // The shell leaves a grandchild behind and becomes the server: the group kill must get both.
  const std::string script = "sleep 120 & echo $! > " + pid_file.string() + "; exec " + system_python + " " +
                             TLSPROBE_SOURCE_DIR "/tests/servers/scripted_server.py --mode silent --port " +
                             std::to_string(port) + " --lifetime 120";
  pid_t grandchild = 0;
  {
    ServerProcess server(ServerSpec{"sh + scripted silent", {"/bin/sh", "-c", script}, "127.0.0.1", port,
                                    dir / "server.log"});
    CHECK(server.running());
    CHECK(port_accepts("127.0.0.1", port));
    grandchild = static_cast<pid_t>(std::stoi(read_file(pid_file)));
    CHECK(process_alive(grandchild));
  }
  CHECK(!port_accepts("127.0.0.1", port));
  const auto deadline = Clock::now() + 3s;
  while (process_alive(grandchild) && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  CHECK(!process_alive(grandchild));
}

TEST_CASE("ServerProcess reports a server that dies before listening, with its log") {
  TempDir dir;
  const auto port = free_port();
  try {
    ServerProcess server(ServerSpec{"dies", {system_python, "-c", "import sys; print('boom 42'); sys.exit(3)"},
                                    "127.0.0.1", port, dir / "dies.log"});
    FAIL("ServerProcess returned for a process that exited");
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    CHECK(message.find("exited before listening") != std::string::npos);
    CHECK(message.find("boom 42") != std::string::npos);
  }
}

TEST_CASE("ServerProcess gives up on a server that never listens, within its bound") {
  TempDir dir;
  const auto port = free_port();
  const auto start = Clock::now();
  ServerSpec spec{"never listens", {"sleep", "60"}, "127.0.0.1", port, dir / "sleep.log"};
  spec.ready_timeout = 300ms;
  CHECK_THROWS_WITH_AS(ServerProcess{spec}, doctest::Contains("did not listen"), std::runtime_error);
  CHECK(Clock::now() - start < 5s);
}

TEST_CASE("run_command reports exit codes and output, and kills what overruns") {
  TempDir dir;
  const auto ok = run_command({"/bin/sh", "-c", "echo hello; exit 7"}, dir / "a.log", 5s);
  CHECK(ok.exit_code == 7);
  CHECK(ok.output == "hello\n");
  const auto start = Clock::now();
  const auto slow = run_command({"sleep", "60"}, dir / "b.log", 200ms);
  CHECK(slow.exit_code == -1);
  CHECK(Clock::now() - start < 5s);
}

}  // namespace
}  // namespace tlsprobe::test
