# Build, test, run and install bpmn-inbox on Debian 12 with the Swift toolchain.
#
#   make run      install missing Debian packages, build a release binary, open a demo inbox
#   make test     install missing Debian packages (and tmux), build and run every test
#   make install  install the release binary, examples and themes under $(PREFIX)
#   make clean    remove build products and the demo database

SWIFT ?= swift
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/bpmn-inbox

BUILD_PACKAGES = libncurses-dev libsqlite3-dev libjavascriptcoregtk-4.1-dev pkg-config
TEST_PACKAGES = $(BUILD_PACKAGES) tmux sqlite3

# apt-get needs root: use sudo when make does not run as root.
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install clean build-packages test-packages release

run: build-packages release
	mkdir -p demo
	"$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" --db demo/inbox.sqlite demo --models examples

test: test-packages
	$(SWIFT) build
	$(SWIFT) test

install: build-packages release
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(SHAREDIR)/examples" "$(DESTDIR)$(SHAREDIR)/themes"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" "$(DESTDIR)$(BINDIR)/bpmn-inbox"
	install -m 644 examples/*.bpmn examples/*.data.json "$(DESTDIR)$(SHAREDIR)/examples/"
	install -m 644 themes/*.theme "$(DESTDIR)$(SHAREDIR)/themes/"

clean:
	rm -rf .build demo

release: build-packages
	$(SWIFT) build -c release

build-packages:
	@$(call install_missing,$(BUILD_PACKAGES))

test-packages:
	@$(call install_missing,$(TEST_PACKAGES))

# Installs the Debian packages of $(1) that dpkg does not list as installed. apt-get update
# runs only when something is missing, so a ready machine needs no network.
define install_missing
missing=""; \
for package in $(1); do \
	dpkg -s "$$package" 2>/dev/null | grep -q '^Status: install ok installed' || missing="$$missing $$package"; \
done; \
if [ -n "$$missing" ]; then \
	if [ -n "$(SUDO)" ] && ! command -v sudo >/dev/null; then \
		echo "error: missing Debian packages:$$missing; install them as root (sudo is not available)" >&2; \
		exit 1; \
	fi; \
	echo "Installing Debian packages:$$missing"; \
	$(SUDO) apt-get update && \
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
fi
endef
