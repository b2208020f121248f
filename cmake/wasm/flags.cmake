# cmake/wasm/flags.cmake: compile and link options for rnnlab's WebAssembly build (Emscripten 3.1.6 from Debian).
# Every choice below is measured in docs/wasm-simd.md.
#
# Use, from the top-level CMakeLists.txt, after project() and BEFORE the first add_library/add_executable
# (the NODE_PATH launchers are picked up when a target is created):
#
#   if(EMSCRIPTEN)
#     include(cmake/wasm/flags.cmake)          # global: -O3 (Release), -msimd128, exception mode, NODE_PATH
#   endif()
#   ...
#   add_executable(rnnlab_wasm src/wasm/binding.cpp)       # the embind module for the page (worker)
#   rnnlab_wasm_module(rnnlab_wasm BROWSER EXPORT_NAME createRnnlab)   # -> rnnlab_wasm.mjs + .wasm
#   add_executable(rnnlab_wasm_node src/wasm/binding.cpp)  # the same binding for Node tests
#   rnnlab_wasm_module(rnnlab_wasm_node NODE EXPORT_NAME createRnnlab) # -> rnnlab_wasm_node.js, .wasm inside
#
# A wasm preset: "toolchainFile": "/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake",
# "CMAKE_BUILD_TYPE": "Release". Node runs the non-module test programs (doctest) made by add_executable as
# `node --no-experimental-fetch prog.js` (CMAKE_CROSSCOMPILING_EMULATOR below does that for add_test/ctest).
#
# Options (cache variables):
#   RNNLAB_WASM_EXCEPTIONS  wasm (default): -fwasm-exceptions, native wasm exception handling: zero cost until a
#                           throw; runs in Node 20 and Chromium. js: -fexceptions, JS-based: every call that
#                           may throw out of a frame with destructors goes through a JS invoke_* trampoline.
#                           Either way every object file and the link must agree, hence global options here.
#   RNNLAB_WASM_EIGEN_SSE   OFF (default). ON maps Eigen's SSE code onto wasm SIMD (-msse4.1 plus the two shims
#                           in cmake/wasm/shims/). Makes Eigen's matrix products 1.2-2x faster than plain
#                           -msimd128 but its element-wise code up to 2.6x slower and its exp 2x slower than
#                           scalar; the hand-written kernels (simd4.h) beat both, so it is off.
#
# Not used, on purpose: -Os/-Oz (Eigen code became 60x slower and the .wasm no smaller), --closure 1 (needs
# npm's google-closure-compiler, Debian's is from 2013; saves 4 KB of gzip JS), -sEXPORT_ES6 for Node
# (3.1.6 glue: "__dirname is not defined in ES module scope"), relaxed SIMD and -pthread (docs/toolchain.md).
include_guard(GLOBAL)

if(NOT EMSCRIPTEN)
  message(FATAL_ERROR "cmake/wasm/flags.cmake is for Emscripten builds (use the Emscripten toolchain file)")
endif()

set(RNNLAB_WASM_EXCEPTIONS "wasm" CACHE STRING "C++ exceptions in wasm: wasm (-fwasm-exceptions) or js (-fexceptions)")
set_property(CACHE RNNLAB_WASM_EXCEPTIONS PROPERTY STRINGS wasm js)
option(RNNLAB_WASM_EIGEN_SSE "Map Eigen's SSE code onto wasm SIMD (-msse4.1 + shims)" OFF)

if(RNNLAB_WASM_EXCEPTIONS STREQUAL "wasm")
  set(_rnnlab_wasm_eh -fwasm-exceptions)
elseif(RNNLAB_WASM_EXCEPTIONS STREQUAL "js")
  set(_rnnlab_wasm_eh -fexceptions)
else()
  message(FATAL_ERROR "RNNLAB_WASM_EXCEPTIONS: got '${RNNLAB_WASM_EXCEPTIONS}', expected wasm or js")
endif()

# Emscripten's JS optimizer (link step at -O2 and above) needs acorn, which Debian installs in /usr/share/nodejs
# while the `node` on PATH (NodeSource 20) does not look there: "Cannot find module 'acorn'".
set(_rnnlab_node_env "${CMAKE_COMMAND};-E;env;NODE_PATH=/usr/share/nodejs")
set(CMAKE_C_COMPILER_LAUNCHER "${_rnnlab_node_env}")
set(CMAKE_CXX_COMPILER_LAUNCHER "${_rnnlab_node_env}")
set(CMAKE_C_LINKER_LAUNCHER "${_rnnlab_node_env}")
set(CMAKE_CXX_LINKER_LAUNCHER "${_rnnlab_node_env}")

# Node 20's global fetch breaks the 3.1.6 loader when the .wasm sits next to the .js ("Failed to parse URL").
set(CMAKE_CROSSCOMPILING_EMULATOR "node;--no-experimental-fetch")

# -O3 comes from CMAKE_BUILD_TYPE=Release (CMake's default Release flags, "-O3 -DNDEBUG"); CMake also puts
# them on the link line, where Emscripten runs binaryen's wasm-opt and the JS minifier at that level.
add_compile_options(-msimd128 ${_rnnlab_wasm_eh})
add_link_options(${_rnnlab_wasm_eh} -sALLOW_MEMORY_GROWTH=1 "$<$<CONFIG:Debug>:-sASSERTIONS=1>")

if(RNNLAB_WASM_EIGEN_SSE)
  # mmintrin.h: an empty stand-in placed before clang's x86 header; eigen_wasm_sse.h: EIGEN_COMP_GNUC = 63 so
  # that Eigen's SSE pmin/pmax use intrinsics, not GCC 4.2 inline asm. See the headers for details.
  include_directories(BEFORE "${CMAKE_CURRENT_LIST_DIR}/shims")
  add_compile_options(-msse4.1 "SHELL:-include ${CMAKE_CURRENT_LIST_DIR}/shims/eigen_wasm_sse.h")
endif()

# rnnlab_wasm_module(<target> BROWSER|NODE [EXPORT_NAME <name>])
#   Link options of an embind module: a factory `<name>(options) -> Promise<Module>` (MODULARIZE).
#   BROWSER: ES6 module <target>.mjs + <target>.wasm for a page or a module worker (ENVIRONMENT=web,worker).
#   NODE:    CommonJS <target>.js with the .wasm embedded (SINGLE_FILE), so `require()` works under plain
#            `node` (no --no-experimental-fetch needed) and in any JS test runner.
function(rnnlab_wasm_module target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "BROWSER;NODE" "EXPORT_NAME" "")
  if((ARG_BROWSER AND ARG_NODE) OR (NOT ARG_BROWSER AND NOT ARG_NODE))
    message(FATAL_ERROR "rnnlab_wasm_module(${target}): give exactly one of BROWSER or NODE")
  endif()
  if(NOT ARG_EXPORT_NAME)
    set(ARG_EXPORT_NAME createRnnlab)
  endif()
  target_link_options(${target} PRIVATE --bind -sMODULARIZE=1 -sEXPORT_NAME=${ARG_EXPORT_NAME})
  if(ARG_BROWSER)
    target_link_options(${target} PRIVATE -sEXPORT_ES6=1 -sENVIRONMENT=web,worker)
    set_target_properties(${target} PROPERTIES SUFFIX ".mjs")
  else()
    target_link_options(${target} PRIVATE -sENVIRONMENT=node -sSINGLE_FILE=1)
    set_target_properties(${target} PROPERTIES SUFFIX ".js")
  endif()
endfunction()
