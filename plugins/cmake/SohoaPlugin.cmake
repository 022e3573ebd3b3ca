# sohoa_add_plugin(<name> SOURCES <file>... [OUTPUT_DIR <dir>])
#
# Builds an extractor plugin: a shared library loaded at run time, linked against the SDK
# only, exporting nothing but its descriptor and factory (hidden visibility). The library is
# named <name>.so (no "lib" prefix) and written to OUTPUT_DIR, by default the folder the
# sohoa binary searches (SOHOA_PLUGIN_OUTPUT_DIR).
#
# Out of tree, add the sohoa source folder's plugins/ as a subdirectory or include this file
# after defining a sohoa_plugin_sdk target; see docs/writing-a-plugin.md.
function(sohoa_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "OUTPUT_DIR" "SOURCES" ${ARGN})
  if(NOT PLUGIN_SOURCES)
    message(FATAL_ERROR "sohoa_add_plugin(${name}): SOURCES is required")
  endif()
  if(NOT PLUGIN_OUTPUT_DIR)
    set(PLUGIN_OUTPUT_DIR ${SOHOA_PLUGIN_OUTPUT_DIR})
  endif()
  add_library(${name} MODULE ${PLUGIN_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${PLUGIN_OUTPUT_DIR})
  target_link_libraries(${name} PRIVATE sohoa_plugin_sdk)
  if(TARGET sohoa_options)
    target_link_libraries(${name} PRIVATE sohoa_options)
  endif()
  # Every symbol resolved at link time, as the host binds with RTLD_NOW.
  target_link_options(${name} PRIVATE -Wl,--no-undefined)
endfunction()
