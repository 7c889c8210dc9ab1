# desk — make demo | make test | make bench | make install
SHELL := /bin/bash
# A failing command fails its recipe even inside a pipe (the test log is tee'd).
.SHELLFLAGS := -eu -o pipefail -c
PREFIX ?= /usr/local
SWIFT ?= swift
# The Swift runtime linked in statically: about 12 ms less start-up per command (measured).
RELEASE_FLAGS = -c release --scratch-path .build-release --static-swift-stdlib

.PHONY: all deps build release demo test bench install clean

all: build

# Debian packages desk builds against; installed only when missing.
deps:
	@bash scripts/deps.sh

build: deps
	$(SWIFT) build --product desk

# One product per build: swift build keeps only the last --product given.
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product desk
	$(SWIFT) build $(RELEASE_FLAGS) --product desk-bench

demo: release
	@bash scripts/demo.sh .build-release/release/desk

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing 2>&1 | tee .build/test.log
	@awk '/Executed [0-9]+ tests?, with [0-9]+ failures?/ { n = $$2; f = $$5 } END { if (n == "") exit 1; print (n - f) " passed, " f " failed"; exit (f > 0) }' .build/test.log

bench: release
	@bash scripts/bench.sh

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build-release/release/desk $(DESTDIR)$(PREFIX)/bin/desk

clean:
	rm -rf .build .build-release bench-out
