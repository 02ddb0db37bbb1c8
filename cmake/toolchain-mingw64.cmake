# Cross-compiles the Windows tlsprobe.exe on Debian with mingw-w64 (see scripts/build-windows).
#
# The -posix compilers: the plain x86_64-w64-mingw32-g++ has the win32 thread model, in which
# std::thread and std::mutex do not compile (DESIGN.md, "The Windows build under Wine").
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(TLSPROBE_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${TLSPROBE_MINGW_PREFIX}-gcc-posix)
set(CMAKE_CXX_COMPILER ${TLSPROBE_MINGW_PREFIX}-g++-posix)
set(CMAKE_RC_COMPILER ${TLSPROBE_MINGW_PREFIX}-windres)

# Only the MinGW sysroot is searched for libraries and headers: a Linux library found in
# /usr/lib would link into nothing but errors. Programs (cmake, python) still come from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${TLSPROBE_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# CTest runs the .exe tests through Wine. Debian's `wine` is the only launcher on the PATH
# (no `wine64`); WINEDEBUG silences Wine's fixme noise and the overrides stop a fresh prefix
# from offering to install Mono and Gecko, which a console program never needs.
set(CMAKE_CROSSCOMPILING_EMULATOR
    /usr/bin/env WINEDEBUG=-all "WINEDLLOVERRIDES=mscoree,mshtml=" wine)

# -O2 as the Linux build uses: at -O3 GCC 12 reports a false -Wrestrict inside std::string's
# operator+ (GCC bug 105329), and the warnings are errors.
set(CMAKE_CXX_FLAGS_RELEASE "-O2 -DNDEBUG" CACHE STRING "Release flags of the mingw-w64 build")
