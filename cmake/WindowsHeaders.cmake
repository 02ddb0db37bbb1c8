# The mingw-w64 cross build's third-party code: header-only libraries only.
#
# They come from Debian's /usr/include through a folder that holds nothing but them: putting
# all of /usr/include on a Windows compiler's path would pull glibc's headers over MinGW's
# (DESIGN.md, "The Windows build under Wine"). Debian ships no OpenSSL for MinGW, so this
# build has no openssl backend; SChannel and CryptoAPI come with MinGW's Windows headers.
set(TLSPROBE_CROSS_INCLUDE ${CMAKE_BINARY_DIR}/cross-include)
file(MAKE_DIRECTORY ${TLSPROBE_CROSS_INCLUDE})
foreach(dir boost CLI doctest nlohmann toml++)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/install-deps")
  endif()
  file(CREATE_LINK /usr/include/${dir} ${TLSPROBE_CROSS_INCLUDE}/${dir} SYMBOLIC)
endforeach()

set(Boost_INCLUDE_DIRS ${TLSPROBE_CROSS_INCLUDE})
set(TOMLPP_INCLUDE_DIR ${TLSPROBE_CROSS_INCLUDE})
# The same target names the Linux build gets from the packages' CMake configs; imported
# targets' include folders are SYSTEM, so the libraries' own warnings stay theirs.
foreach(target CLI11::CLI11 nlohmann_json::nlohmann_json doctest::doctest)
  add_library(${target} INTERFACE IMPORTED)
  set_target_properties(${target} PROPERTIES INTERFACE_INCLUDE_DIRECTORIES ${TLSPROBE_CROSS_INCLUDE})
endforeach()

# Asio wants the Windows 10 API level; the exe runs from Server 2012 R2 on because nothing
# newer is called without a run-time check.
add_compile_definitions(_WIN32_WINNT=0x0A00 WIN32_LEAN_AND_MEAN NOMINMAX)
# One self-contained exe: no libstdc++/libgcc/winpthread DLLs to ship beside it.
add_link_options(-static -static-libgcc -static-libstdc++)
