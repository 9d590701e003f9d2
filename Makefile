# The two commands of the README. Everything else is CMake; this file only strings steps together.
#   make run    install what is missing, build, start CourseCollab (desktop app hosting a demo
#               session, or the headless server when there is no display)
#   make test   install what is missing, build, run every test suite, then the portable build
#               (-DCOLLAB_PORTABLE=ON: what Windows and macOS compile) and every suite in it, then
#               the fuzzers (make fuzz)
BUILD_DIR ?= build
PORTABLE_BUILD_DIR ?= build-portable
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 20
# Line tables only (-g1): backtraces and sanitizer reports keep function, file and line, while the
# objects are half the size and the ~110 test executables link several times faster: a clean
# `make test` on 2 cores spent a third of its time writing full debug info. A developer who wants
# locals in a debugger configures with BUILD_TYPE=Debug.
CXX_FLAGS_RELWITHDEBINFO ?= -O2 -g1 -DNDEBUG
# ccache when installed (scripts/install-deps.sh installs it): the portable build compiles nearly
# every source exactly as the main build did, so in one `make test` it takes them from the cache
# (CCACHE_BASEDIR makes the two build directories' paths alike). Looked up when a recipe runs, not
# when make reads this file: on a fresh machine `deps` installs it first.
CCACHE_OPTIONS = $$(command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR := $(CURDIR)
CMAKE_OPTIONS = -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(CXX_FLAGS_RELWITHDEBINFO)" $(CCACHE_OPTIONS)

.PHONY: all deps configure build run test portable fuzz clean

all: build

deps:
	./scripts/install-deps.sh

configure: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_OPTIONS)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./scripts/run.sh $(BUILD_DIR)

# The main build's NAME_portable registrations (label `portable`: a server suite on the portable
# transport) are left to the portable build, which runs every suite on that transport.
test: build portable
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300 -LE '^portable$$'
	cd $(PORTABLE_BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 300
	$(MAKE) fuzz

# No Linux engine, no Linux-only code (check_portable_sources fails the build otherwise): what
# Windows and macOS build, and every suite of it (docs/packaging.md).
portable: deps
	cmake -S . -B $(PORTABLE_BUILD_DIR) $(CMAKE_OPTIONS) -DCOLLAB_PORTABLE=ON
	cmake --build $(PORTABLE_BUILD_DIR) -j $(JOBS)

# libFuzzer targets with ASan/UBSan in their own build (build-fuzz), FUZZ_SECONDS each.
fuzz: deps
	JOBS=$(JOBS) ./tests/fuzz/run-fuzzers.sh $(FUZZ_SECONDS)

clean:
	rm -rf $(BUILD_DIR) $(PORTABLE_BUILD_DIR)
