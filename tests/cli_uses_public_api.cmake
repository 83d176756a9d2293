# cmake -DDIR=<cli/src> -P cli_uses_public_api.cmake
# kaizala-cli is built on the runtime's public API only (kaizala/reflect.hpp, param_text.hpp, url.hpp,
# media_types.hpp): a `detail::` in its sources means a rule was copied or the public API lacks it.
cmake_minimum_required(VERSION 3.20)
file(GLOB sources ${DIR}/*.cpp ${DIR}/*.hpp)
set(errors "")
foreach(source IN LISTS sources)
  file(STRINGS ${source} lines REGEX "detail::")
  foreach(line IN LISTS lines)
    list(APPEND errors "${source}: ${line}")
  endforeach()
endforeach()
if(errors)
  list(JOIN errors "\n" errors)
  message(FATAL_ERROR "kaizala-cli reaches into kaizala::detail; grow the public API instead:\n${errors}")
endif()
list(LENGTH sources n)
message(STATUS "${n} kaizala-cli sources use the public API only")
