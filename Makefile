# Dateline build entry points. `make run` and `make test` are the two commands a new user needs.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN_DIR = $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages the build and tests need: Lua 5.4 and libedit headers, SQLite, mimalloc, pkg-config, and
# Chromium for the browser check of the HTML briefing.
APT_PACKAGES = pkg-config liblua5.4-dev libedit-dev libsqlite3-dev libmimalloc-dev sqlite3 tmux chromium

.PHONY: all deps build run test bench docs clean

all: build

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

# The one-page HTML briefing of the bundled seeds (or $DATELINE_DB): Scripts/briefing.lua.
run: build
	$(BIN_DIR)/dateline run --output briefing.html Scripts/briefing.lua
	@echo "Briefing: $(CURDIR)/briefing.html"

test: deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

clean:
	rm -rf .build
