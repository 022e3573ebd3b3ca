# The plugin SDK as a CMake target, for the sohoa build and for plugins built out of tree:
#
#   include(<sohoa>/plugins/cmake/SohoaPluginSdk.cmake)
#   sohoa_add_plugin(my_procedure SOURCES my_procedure.cpp OUTPUT_DIR ${CMAKE_BINARY_DIR})
#
# sohoa_plugin_sdk: the SDK headers (plugins/sdk/include, the only headers a plugin includes)
# and the helpers every extractor needs (label finding, value normalisers), compiled into each
# plugin and into the host.
if(NOT TARGET sohoa_plugin_sdk)
  get_filename_component(_sohoa_sdk_dir "${CMAKE_CURRENT_LIST_DIR}/../sdk" ABSOLUTE)
  add_library(sohoa_plugin_sdk STATIC
    ${_sohoa_sdk_dir}/src/address.cpp
    ${_sohoa_sdk_dir}/src/extract.cpp
    ${_sohoa_sdk_dir}/src/text.cpp
    ${_sohoa_sdk_dir}/src/values.cpp
  )
  # Hidden: a plugin exports its descriptor and factory, not the SDK it is linked with.
  set_target_properties(sohoa_plugin_sdk PROPERTIES POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_compile_features(sohoa_plugin_sdk PUBLIC cxx_std_20)
  target_include_directories(sohoa_plugin_sdk PUBLIC ${_sohoa_sdk_dir}/include)
  # Boost.DLL on std::filesystem: no Boost library to link, only libdl.
  target_compile_definitions(sohoa_plugin_sdk PUBLIC BOOST_DLL_USE_STD_FS)
  target_link_libraries(sohoa_plugin_sdk PUBLIC ${CMAKE_DL_LIBS})
  if(TARGET sohoa_options)
    target_link_libraries(sohoa_plugin_sdk PRIVATE sohoa_options)
  endif()
endif()
include(${CMAKE_CURRENT_LIST_DIR}/SohoaPlugin.cmake)
