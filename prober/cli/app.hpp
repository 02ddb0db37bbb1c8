#pragma once

namespace tlsprobe {

// Exit codes, documented in the README: scripts depend on them.
inline constexpr int exit_ok = 0;
inline constexpr int exit_finding = 1;  // a policy violated or an audit finding
inline constexpr int exit_usage = 2;    // bad usage or bad input
inline constexpr int exit_internal = 3; // a bug: reported, never a crash

int run_cli(int argc, char** argv);

}  // namespace tlsprobe
