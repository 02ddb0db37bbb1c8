# embed_file(OUT_CPP SYMBOL FILE): writes a .cpp defining
#   extern const std::string_view SYMBOL;
# with FILE's bytes, regenerated whenever FILE changes. Used for the endpoint
# catalog so `tlsprobe probe` works with no files beside the binary.
function(embed_file out_cpp symbol file)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out_cpp} -DSYMBOL=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFileRun.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/EmbedFileRun.cmake
    COMMENT "Embedding ${file}")
endfunction()
