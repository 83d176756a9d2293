# Fails when generated code holds `throw`, `try`, `typeid` or `dynamic_cast` outside comments and
# string literals: the generated headers must compile with -fno-exceptions -fno-rtti.
# Usage: cmake -DDIR=<folder of headers> -P check_generated_code.cmake
if(NOT DIR)
  message(FATAL_ERROR "check_generated_code: pass -DDIR=<folder>")
endif()
file(GLOB_RECURSE headers "${DIR}/*.hpp")  # types/ too
if(NOT headers)
  message(FATAL_ERROR "check_generated_code: no headers in ${DIR}")
endif()
set(found 0)
foreach(h IN LISTS headers)
  file(STRINGS "${h}" lines)
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    string(REGEX REPLACE "\"([^\"\\\\]|\\\\.)*\"" "\"\"" code "${line}")  # drop string literals
    string(REGEX REPLACE "//.*$" "" code "${code}")                        # drop comments
    if(code MATCHES "(^|[^A-Za-z0-9_])(throw|try|typeid|dynamic_cast)([^A-Za-z0-9_]|$)")
      message(SEND_ERROR "${h}:${n}: `${CMAKE_MATCH_2}` in generated code: ${line}")
      set(found 1)
    endif()
  endforeach()
endforeach()
if(found)
  message(FATAL_ERROR "check_generated_code: generated code must not use exceptions or RTTI")
endif()
list(LENGTH headers count)
message(STATUS "check_generated_code: ${count} headers, no throw/try/typeid/dynamic_cast")
