# Our own code builds with every warning on; third-party headers are included as SYSTEM so
# their warnings stay theirs. Warnings are errors only where we asked (TLSPROBE_WERROR, on in
# scripts/ and CI): a packager's compiler or build type must never lose the binary to a
# warning that a newer GCC invents, or to a false positive.
option(TLSPROBE_WERROR "Treat warnings as errors (the project's own CI and development builds)" OFF)
add_library(tlsprobe_warnings INTERFACE)
target_compile_options(tlsprobe_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${TLSPROBE_WERROR}>:-Werror>
  # GCC 12 flags Asio's coroutine frame allocator as a mismatched new/delete pair
  # (GCC bug 109224); the pair is Asio's own and matched.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>
  # GCC 12 at -O3 (Release) reports `"text" + std::string(...)` as an overlapping memcpy in
  # libstdc++'s own insert (GCC bug 105651, fixed in GCC 13): dozens of ordinary
  # concatenations, none of them a real overlap.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)
# -Wnull-dereference is left out: at -O2 it fires inside Boost.Asio's scheduler, whose
# code GCC inlines into ours where the system-header exemption no longer applies.
