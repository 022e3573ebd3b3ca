# sohoa: the two commands of the README.
#   make demo   install what is missing, build, ingest the bundled samples, run example searches
#   make test   install what is missing, build (warnings are errors), run every test, then the
#               unit and CLI tests again under AddressSanitizer + UndefinedBehaviorSanitizer
BUILD ?= build
BUILD_ASAN ?= build-asan
GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")
JOBS ?= 2

.PHONY: all deps build demo test test-release test-asan format clean

all: build

deps:
	scripts/install-deps

build: deps
	cmake -S . -B $(BUILD) $(GENERATOR) -DCMAKE_BUILD_TYPE=Release -DSOHOA_WERROR=ON
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	BUILD=$(BUILD) scripts/demo

test: deps
	$(MAKE) test-release
	$(MAKE) test-asan

test-release: build
	cd $(BUILD) && ctest --output-on-failure --timeout 1800

test-asan:
	cmake -S . -B $(BUILD_ASAN) $(GENERATOR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSOHOA_WERROR=ON \
	  -DSOHOA_SANITIZE=ON -DSOHOA_BUILD_SAMPLES=OFF
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure --timeout 1800 -L "unit|cli"

format:
	git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
