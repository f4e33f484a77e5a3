# Helpers shared by every folder of the project.

# linkloom_add_library(<name> SOURCES ... LIBS ...)
# One static library per folder; include paths are the project root, so headers are
# included as "models/linkrepository.h".
function(linkloom_add_library name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}")
    target_link_libraries(${name} PUBLIC ${ARG_LIBS})
endfunction()

# linkloom_add_test(<source.cpp> LIBS ... [LABELS ...] [ENVIRONMENT ...])
# Registers one Qt Test executable per test file with CTest. The test name is the file's base
# name; every test runs offscreen with a temporary home so it never touches the user's files.
function(linkloom_add_test source)
    cmake_parse_arguments(ARG "" "TIMEOUT" "LIBS;LABELS;ENVIRONMENT" ${ARGN})
    get_filename_component(name "${source}" NAME_WE)
    qt_add_executable(${name} "${source}")
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false;LINKLOOM_TEST_MODE=1;${ARG_ENVIRONMENT}")
endfunction()
