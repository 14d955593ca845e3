# Gaillery: the two commands a newcomer needs on a fresh Debian 12 machine are `make run` and `make test`.
# Every step is idempotent: packages are installed only when missing, models are prepared only once.

SHELL := /bin/bash
SWIFT ?= swift
CONFIG ?= release
# Debian packages the build, the tests and the model preparation need.
APT_PACKAGES := libsqlite3-dev libjpeg-dev libpng-dev libssl-dev libasound2-dev libfftw3-dev \
	pocketsphinx pocketsphinx-en-us libpocketsphinx-dev libsphinxbase-dev sphinxtrain pkg-config wordnet-base \
	espeak-ng sox python3-skimage python3-venv flite festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts \
	chromium chromium-driver libsystemd-dev dbus-daemon libglib2.0-bin systemd desktop-file-utils
DAEMON_ARGS ?=

.PHONY: run test browser-test deps models build build-tests check bench clean-build help load load-full load-smoke load-venv

help:
	@echo "make run    install what is missing, prepare the models, build and start gailleryd"
	@echo "make test   the same set-up, then every test"
	@echo "make bench  build in release mode and run the benchmarks (see Benchmarks/README.md)"
	@echo "make install / make uninstall   user-level install (PREFIX=/usr/local for system-wide; see README)"

## deps: install the Debian packages that are not installed yet (apt-get update only when needed).
deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' "$$p" 2>/dev/null | grep -q 'install ok installed' || echo "$$p"; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "make: installing $$missing"; \
	  SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## models: download and convert the classifier models (cached; see models/README.md).
models: deps
	models/prepare

build: deps
	$(SWIFT) build -c $(CONFIG) --product gailleryd
	$(SWIFT) build -c $(CONFIG) --product gaillery

## run: start the daemon in the foreground on the default socket; stop it with Ctrl-C.
run: models build
	@echo "gailleryd: starting; in another terminal try: $$($(SWIFT) build -c $(CONFIG) --show-bin-path)/gaillery status"
	exec "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/gailleryd" $(DAEMON_ARGS)

build-tests: deps
	$(SWIFT) build --build-tests

## check: generated files are fresh (OpenRPC embedding, shell completions, models' generated files) and
## the sources are formatted as .swift-format says (`swift format format -i -r Sources Tests Benchmarks/Sources`).
check: models build-tests
	$(SWIFT) format lint --strict -r Sources Tests Benchmarks/Sources
	rpc-schema/embed --check
	contrib/completions/generate "$$($(SWIFT) build --show-bin-path)/gaillery" --check
	models/.venv/bin/python models/selftest.py

## test: every test target, including the integration tests that start the real daemon.
test: check
	$(SWIFT) test --skip-build --parallel --num-workers 2
	$(MAKE) --no-print-directory browser-test
	$(MAKE) --no-print-directory install-test
	$(MAKE) --no-print-directory load-smoke

## browser-test: the web gallery in Debian's headless Chromium against the real daemon (Tests/browser,
## pytest + Selenium from a venv with the pinned Tests/browser/requirements.txt; no browser is downloaded).
BROWSER_VENV := Tests/browser/.venv
browser-test: models build-tests
	@cmp -s Tests/browser/requirements.txt $(BROWSER_VENV)/requirements.txt || { \
	  python3 -m venv $(BROWSER_VENV) && \
	  $(BROWSER_VENV)/bin/pip install -q -r Tests/browser/requirements.txt && \
	  cp Tests/browser/requirements.txt $(BROWSER_VENV)/requirements.txt; }
	$(BROWSER_VENV)/bin/python -m pytest -p no:cacheprovider -ra Tests/browser

## load: Gaillery's two load tasks on Locust (Benchmarks/load; see Benchmarks/README.md), a smoke profile of
## a few seconds per phase, both tasks over HTTP and the socket, against the built gailleryd on a temporary
## data directory; reports in Benchmarks/results/load. load-full TASK=1|2 steps the arrival rate up to the knee
## (LOAD_ARGS adds run.py flags, e.g. LOAD_ARGS="--phases 10,20,10 --transport socket").
LOAD_VENV := Benchmarks/load/.venv
TASK ?= 1
LOAD_ARGS ?=
load-venv: deps
	@cmp -s Benchmarks/load/requirements.txt $(LOAD_VENV)/requirements.txt || { \
	  python3 -m venv $(LOAD_VENV) && \
	  $(LOAD_VENV)/bin/pip install -q -r Benchmarks/load/requirements.txt && \
	  cp Benchmarks/load/requirements.txt $(LOAD_VENV)/requirements.txt; }

load: models build load-venv
	$(LOAD_VENV)/bin/python Benchmarks/load/run.py smoke \
	  --daemon "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/gailleryd" $(LOAD_ARGS)

load-full: models build load-venv
	$(LOAD_VENV)/bin/python Benchmarks/load/run.py full --task $(TASK) \
	  --daemon "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)/gailleryd" $(LOAD_ARGS)

## load-smoke: the same smoke run for `make test`, on the debug build the tests use (2 s phases).
load-smoke: models build-tests load-venv
	$(LOAD_VENV)/bin/python Benchmarks/load/run.py smoke --phases 2,3,2 \
	  --daemon "$$($(SWIFT) build --show-bin-path)/gailleryd"

bench: models
	$(SWIFT) build -c release --product gailleryd
	$(SWIFT) build -c release --product gaillery-bench
	"$$($(SWIFT) build -c release --show-bin-path)/gaillery-bench" all

clean-build:
	rm -rf .build

## install: build, prepare the models, then contrib/install: binaries to ~/.local/bin, models to
## $XDG_DATA_HOME/gaillery/models, systemd user units, D-Bus and search-provider files, .desktop files and
## shell completions. PREFIX=/usr/local (and DESTDIR) installs system-wide. uninstall removes what install put.
.PHONY: install uninstall install-test
install: models build
	@if grep -q '"gaillery-search-provider"' Package.swift; then \
	  $(SWIFT) build -c $(CONFIG) --product gaillery-search-provider; fi
	contrib/install install "$$($(SWIFT) build -c $(CONFIG) --show-bin-path)"

uninstall:
	contrib/install uninstall

## install-test: make install (debug build) into a temporary HOME, the installed gailleryd classifies a photo
## with the installed models, systemd-analyze verifies the installed units, make uninstall leaves only the data.
install-test: models build-tests
	Tests/install/run
