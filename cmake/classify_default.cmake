# The classify task's bundled examples, compiled in from their JSON file (the one copy of them), for every build
# that compiles the tasks (the top-level project and fuzz/): rnnlab_add_classify_default(<target> <repository root>)
# writes generated/classify_default.cpp from src/tasks/classify_default.cpp.in and adds it to <target>.
function(rnnlab_add_classify_default target root)
  set(json ${root}/data/classify/surnames.json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${json})
  file(READ ${json} RNNLAB_CLASSIFY_DEFAULT_JSON)
  configure_file(${root}/src/tasks/classify_default.cpp.in ${CMAKE_CURRENT_BINARY_DIR}/generated/classify_default.cpp @ONLY)
  target_sources(${target} PRIVATE ${CMAKE_CURRENT_BINARY_DIR}/generated/classify_default.cpp)
endfunction()
