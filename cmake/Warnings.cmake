# Our own code builds with every warning as an error; third-party headers are
# included as SYSTEM so their warnings stay theirs.
add_library(tlsprobe_warnings INTERFACE)
target_compile_options(tlsprobe_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough
  # GCC 12 flags Asio's coroutine frame allocator as a mismatched new/delete pair
  # (GCC bug 109224); the pair is Asio's own and matched.
  $<$<CXX_COMPILER_ID:GNU>:-Wno-mismatched-new-delete>)
# -Wnull-dereference is left out: at -O2 it fires inside Boost.Asio's scheduler, whose
# code GCC inlines into ours where the system-header exemption no longer applies.
