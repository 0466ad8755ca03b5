# Build, test, run and install bpmn-inbox on Debian 12 with the Swift toolchain.
#
#   make run      install missing Debian packages, build a release binary, open a demo inbox
#   make test     install missing Debian packages (and tmux), build and run every test
#   make install  install the release binary, examples, themes, man page and bash and zsh
#                 completions under $(PREFIX)
#   make man      write the manual page to .build/man/bpmn-inbox.1
#   make bench    run the benchmark suite (ONLY=engine,cars,inbox,old,parse,scripts to pick parts,
#                 RUNS=n repetitions); figures go to .build/bench/results.json and results.md
#   make clean    remove build products and the demo database
#   make soak     run the stress, kill and fault tests at full size (SOAK_PROCESSES,
#                 SOAK_OPERATIONS per process, SOAK_KILLS rounds; see docs/RELIABILITY.md)
#   make fuzz     run each libFuzzer target in Fuzz/ for FUZZ_SECONDS (default 60)
#   make screenshots  render the inbox screens into screenshots/ (needs tmux and rsvg-convert)

SWIFT ?= swift
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
SHAREDIR = $(PREFIX)/share/bpmn-inbox
MANDIR = $(PREFIX)/share/man
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

BUILD_PACKAGES = libncurses-dev libsqlite3-dev pkg-config
# Opened with dlopen when the first script runs, so building needs no JavaScriptCore package.
RUN_PACKAGES = libjavascriptcoregtk-4.1-0
TEST_PACKAGES = $(BUILD_PACKAGES) $(RUN_PACKAGES) tmux sqlite3 jq

# apt-get needs root: use sudo when make does not run as root.
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test install clean build-packages run-packages test-packages release screenshots bench man soak fuzz diagram-snapshots

run: build-packages run-packages release
	mkdir -p demo
	"$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" --db demo/inbox.sqlite demo --models examples

test: test-packages
	$(SWIFT) build
	$(SWIFT) test

install: build-packages run-packages release
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(SHAREDIR)/examples" "$(DESTDIR)$(SHAREDIR)/themes"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" "$(DESTDIR)$(BINDIR)/bpmn-inbox"
	install -m 644 examples/*.bpmn examples/*.data.json "$(DESTDIR)$(SHAREDIR)/examples/"
	install -m 644 themes/*.theme "$(DESTDIR)$(SHAREDIR)/themes/"
	install -d "$(DESTDIR)$(MANDIR)/man1" "$(DESTDIR)$(BASHCOMPDIR)" "$(DESTDIR)$(ZSHCOMPDIR)"
	"$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" man > "$(DESTDIR)$(MANDIR)/man1/bpmn-inbox.1"
	"$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" completion bash > "$(DESTDIR)$(BASHCOMPDIR)/bpmn-inbox"
	"$$($(SWIFT) build -c release --show-bin-path)/bpmn-inbox" completion zsh > "$(DESTDIR)$(ZSHCOMPDIR)/_bpmn-inbox"

# Writes the manual page, generated from the command list, to .build/man/bpmn-inbox.1.
man: build-packages
	$(SWIFT) build
	mkdir -p .build/man
	"$$($(SWIFT) build --show-bin-path)/bpmn-inbox" man > .build/man/bpmn-inbox.1

# Renders the inbox screens into screenshots/ (needs tmux, python3 and rsvg-convert).
screenshots: build-packages
	$(SWIFT) build
	BPMN_INBOX_BIN="$$($(SWIFT) build --show-bin-path)/bpmn-inbox" screenshots/make-screenshots.sh

# Rewrites the diagram snapshot files in Tests/ProcessDiagramTests/Snapshots/ after an
# intended change of the drawing; review them with 'git diff' before committing.
diagram-snapshots: build-packages
	DIAGRAM_RECORD=1 $(SWIFT) test --filter DiagramSnapshotTests

clean:
	rm -rf .build demo

bench:
	@$(call install_missing,$(TEST_PACKAGES) python3-venv)
	ONLY="$(ONLY)" RUNS="$(RUNS)" bash bench/run.sh

release: build-packages
	$(SWIFT) build -c release

build-packages:
	@$(call install_missing,$(BUILD_PACKAGES))

run-packages:
	@$(call install_missing,$(RUN_PACKAGES))

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

# Reliability runs; docs/RELIABILITY.md records their figures.
SOAK_PROCESSES ?= 8
SOAK_OPERATIONS ?= 500
SOAK_KILLS ?= 1000
SOAK_SEED ?= 20261204
FUZZ_SECONDS ?= 60
FUZZ_WORK = .build/fuzz

soak: test-packages
	$(SWIFT) build
	BPMN_STRESS_PROCESSES=$(SOAK_PROCESSES) BPMN_STRESS_OPERATIONS=$(SOAK_OPERATIONS) \
	BPMN_STRESS_SEED=$(SOAK_SEED) BPMN_KILL_ROUNDS=$(SOAK_KILLS) BPMN_KILL_SEED=$(SOAK_SEED) \
		$(SWIFT) test --skip-build --filter 'CLITests.(StressTests|KillTests|FaultTests|FaultInboxTests)'

# Builds Fuzz/ with -sanitize=fuzzer and runs each target on a working copy of its seeds (the
# corpus models under 64 KiB, Fuzz/Seeds, Fuzz/Regressions). A crash leaves its input in
# $(FUZZ_WORK)/findings and fails the target; add it to Fuzz/Regressions with a test.
# SwiftPM does not notice new files in a path dependency without a new build plan, so the
# plan (debug.yaml) is removed first.
fuzz: build-packages
	rm -f $(FUZZ_WORK)/build/debug.yaml
	cd Fuzz && $(SWIFT) build -Xswiftc -sanitize=fuzzer --scratch-path ../$(FUZZ_WORK)/build
	rm -rf $(FUZZ_WORK)/corpus && mkdir -p $(FUZZ_WORK)/corpus/bpmn $(FUZZ_WORK)/corpus/query $(FUZZ_WORK)/findings
	cp Fuzz/Regressions/bpmn/* examples/*.bpmn $(FUZZ_WORK)/corpus/bpmn/
	cp Fuzz/Seeds/query/* $(FUZZ_WORK)/corpus/query/
	if [ -d ../shared/corpus ]; then \
		find ../shared/corpus -name '*.bpmn' -size -64k | while read -r file; do \
			cp "$$file" "$(FUZZ_WORK)/corpus/bpmn/$$(printf '%s' "$$file" | md5sum | cut -c1-16).bpmn"; \
		done; \
	fi
	cd $(FUZZ_WORK) && SWIFT_BACKTRACE=enable=no build/debug/FuzzBPMNParser -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=4096 -max_len=65536 -artifact_prefix=findings/bpmn- corpus/bpmn
	cd $(FUZZ_WORK) && SWIFT_BACKTRACE=enable=no build/debug/FuzzQueryParser -max_total_time=$(FUZZ_SECONDS) \
		-timeout=10 -rss_limit_mb=4096 -max_len=4096 -artifact_prefix=findings/query- corpus/query
