# A server of the generated service interface compiles only with every handler, each for an op of
# the API with that op's request (tests/compile/service_handlers.cpp).
# cmake -DCXX=<compiler> -DSRC=<service_handlers.cpp> -DINCLUDES="<dir>;<dir>" -P expect_compile_errors.cmake
set(flags -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror)
foreach(dir ${INCLUDES})
  list(APPEND flags -I${dir})
endforeach()
execute_process(COMMAND ${CXX} ${flags} ${SRC} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a server with every handler does not compile:\n${out}")
endif()
# Each variant must fail, and for its own reason (not a typo in this test).
set(expect_MISSING_HANDLER "abstract")
set(expect_MISSPELLED_HANDLER "Pong")
set(expect_WRONG_REQUEST "override")
foreach(variant MISSING_HANDLER MISSPELLED_HANDLER WRONG_REQUEST)
  execute_process(COMMAND ${CXX} ${flags} -D${variant} ${SRC} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${variant}: compiled, but must not")
  endif()
  if(NOT out MATCHES "${expect_${variant}}")
    message(FATAL_ERROR "${variant}: failed, but not with \"${expect_${variant}}\":\n${out}")
  endif()
endforeach()
