# Fails if any C++ source of the repository is not formatted as .clang-format says.
file(GLOB_RECURSE sources
  ${SOURCE_DIR}/archive/*.cpp ${SOURCE_DIR}/archive/*.h
  ${SOURCE_DIR}/pipeline/*.cpp ${SOURCE_DIR}/pipeline/*.h
  ${SOURCE_DIR}/cli/*.cpp ${SOURCE_DIR}/cli/*.h
  ${SOURCE_DIR}/samples/*.cpp ${SOURCE_DIR}/samples/*.h
  ${SOURCE_DIR}/bench/*.cpp ${SOURCE_DIR}/bench/*.h
  ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
find_program(CLANG_FORMAT clang-format REQUIRED)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${sources}
                RESULT_VARIABLE rc ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clang-format: these files need `make format`:\n${out}")
endif()
