# cmake -DREADME=<README.md> -DROOT=<source tree> -P readme_snippets.cmake
# Each fenced block in README.md right after a line `<!-- file: <path> -->` must equal that file
# of the tree, byte for byte, so the snippets users copy are the ones CI builds. The consumer
# files below must each have one.
cmake_minimum_required(VERSION 3.20)
set(required
  tests/consumer/find_package/CMakeLists.txt
  tests/consumer/subdirectory/CMakeLists.txt
  tests/consumer/dropin/build.sh
  tests/consumer/dropin/build-with-pkg-config.sh
  tests/consumer/other-api/CMakeLists.txt
  tests/consumer/no_transport/CMakeLists.txt)

file(READ ${README} text)
set(errors "")
set(found "")
while(TRUE)
  string(FIND "${text}" "<!-- file: " at)
  if(at EQUAL -1)
    break()
  endif()
  math(EXPR at "${at} + 11")
  string(SUBSTRING "${text}" ${at} -1 text)
  string(FIND "${text}" " -->\n" end)
  string(SUBSTRING "${text}" 0 ${end} path)
  list(APPEND found ${path})
  # The block: from the line after the opening fence to the closing fence at a line start.
  string(FIND "${text}" "```" open)
  string(SUBSTRING "${text}" ${open} -1 text)
  string(FIND "${text}" "\n" line_end)
  math(EXPR line_end "${line_end} + 1")
  string(SUBSTRING "${text}" ${line_end} -1 text)
  string(FIND "${text}" "\n```" close)
  if(close EQUAL -1)
    list(APPEND errors "README.md: the block for ${path} has no closing fence")
    break()
  endif()
  math(EXPR close "${close} + 1")
  string(SUBSTRING "${text}" 0 ${close} block)
  string(SUBSTRING "${text}" ${close} -1 text)
  if(NOT EXISTS ${ROOT}/${path})
    list(APPEND errors "README.md names ${path}, which does not exist")
  else()
    file(READ ${ROOT}/${path} content)
    if(NOT block STREQUAL content)
      list(APPEND errors "README.md: the block for ${path} differs from the file")
    endif()
  endif()
endwhile()
foreach(path IN LISTS required)
  if(NOT path IN_LIST found)
    list(APPEND errors "README.md has no block for ${path} (<!-- file: ${path} -->)")
  endif()
endforeach()
if(errors)
  list(JOIN errors "\n" errors)
  message(FATAL_ERROR "${errors}")
endif()
list(LENGTH found n)
message(STATUS "README.md: ${n} snippets equal their files")
