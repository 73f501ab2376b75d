# Two commands for a fresh Debian/Ubuntu machine (README): `make run` and `make test`.
# Each installs only what is missing: system libraries with apt-get (through sudo where not root),
# then a local virtual environment in .venv with the project and its test tools.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Qt needs these even offscreen (PLATFORM.md); a clean Debian image lacks them. LibreOffice (calc, headless)
# recalculates the exported annex in the tests; poppler-utils reads the PDF report's pages.
SYSTEM_PACKAGES := libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 \
	fonts-dejavu-core libreoffice-calc-nogui poppler-utils
# A real window (X11) needs Qt's xcb plugin's libraries too.
GUI_PACKAGES := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 \
	libxkbcommon-x11-0
EXAMPLE := out/Eksempel.sundhedshus

.PHONY: run test lint system-deps gui-deps venv bench bench-instant clean translations translations-import

# Install the Debian packages named in $(1) that are not installed yet (sudo where not root).
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installerer systempakker:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

system-deps:
	$(call install_missing,$(SYSTEM_PACKAGES))

gui-deps:
	$(call install_missing,$(SYSTEM_PACKAGES) $(GUI_PACKAGES))

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

venv: $(STAMP)

# ruff; the import contracts of pyproject.toml ([tool.importlinter]); mypy over planners and desktop ([tool.mypy]).
lint: venv
	$(VENV)/bin/ruff check planners desktop tests bench installer
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: system-deps venv lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# `make run` opens the app on a copy of the bundled example (in out/, never the bundled file). Without a
# display (a bare server, an SSH session) it shows the example's key figures on the command line instead.
run: gui-deps venv
	@mkdir -p out
	@test -f $(EXAMPLE) || $(VENV)/bin/sundhedshus new --template example -o $(EXAMPLE)
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ] || [ "$$(uname)" = Darwin ]; then \
	  $(VENV)/bin/sundhedshus $(EXAMPLE); \
	else \
	  echo "Ingen skærm fundet (DISPLAY er ikke sat): viser eksemplets nøgletal i terminalen."; \
	  $(VENV)/bin/sundhedshus summary $(EXAMPLE); \
	fi

bench: venv
	$(PY) bench/bench_engine.py
	$(PY) bench/bench_speed.py
	$(PY) bench/bench_crash.py 500
	$(MAKE) bench-instant

# Issue 19's targets, each a ratio against its anchor in the same run (bench/RESULTS.md, "Issue 19: where every
# target stands"): start → painted window, edit → panel, the engine and summary, the report.
bench-instant: venv
	PYTHONPATH=$(CURDIR) QT_QPA_PLATFORM=offscreen $(PY) bench/bench_start.py --rounds 7
	PYTHONPATH=$(CURDIR) QT_QPA_PLATFORM=offscreen $(PY) bench/bench_edit.py --repeat 7 --only large,XL
	PYTHONPATH=$(CURDIR) $(PY) bench/bench_speed.py --rounds 9
	PYTHONPATH=$(CURDIR) $(PY) bench/bench_report.py --rounds 7

clean:
	rm -rf out build dist .pytest_cache .ruff_cache .hypothesis

# Translations (docs/decisions.md): one gettext catalog for the core and the GUI, msgid = the Danish text.
# `make translations` extracts every marked text (pybabel extract), adds the new ones to
# resources/locale/en/LC_MESSAGES/sundhedshus.po untranslated (listed at the end: give each its English in the
# .po), and compiles the .mo, which is committed so a checkout runs without Babel.
# `make translations-import JSON=file.json` folds a {Danish: English} JSON file (the old catalogs) into the .po.
BABEL_KEYWORDS := -k t -k translate -k translate_plural:1,2 -k translate_in:1c,2 -k N_ -k Name:1,1t \
	-k Name:1,2c,2t -k Problem:2 -k PlanError -k RefusedFile -k PlanLocked -k UnknownScenario -k CompareError \
	-k RecalcError -k _said -k TargetRefused -k PlanReadOnly
LOCALE := resources/locale

translations: venv
	@mkdir -p out
	$(VENV)/bin/pybabel extract -F babel.cfg --no-default-keywords $(BABEL_KEYWORDS) --sort-by-file \
	  --add-location=file --project=Sundhedshus -o out/sundhedshus.pot .
	$(PY) $(LOCALE)/import_json.py --update out/sundhedshus.pot
	$(VENV)/bin/pybabel compile -d $(LOCALE) -D sundhedshus --statistics

translations-import: venv
	$(PY) $(LOCALE)/import_json.py $(JSON)

# Installers (issue 10; installer/README.md). `make installer` builds this platform's bundle with PyInstaller
# (installed into the venv when missing) and, on Linux, dist/sundhedshus-VERSION-linux-ARCH.tar.gz.
# It needs only Qt's libraries and binutils from the system (PyInstaller reads and strips the ELF files), not
# the test suite's LibreOffice. `make installer-test` then runs the built program without Python (smoke_test.sh).
.PHONY: installer installer-test
installer:
	@$(MAKE) --no-print-directory system-deps SYSTEM_PACKAGES="libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 \
	  libfontconfig1 libfreetype6 libxkbcommon0 fonts-dejavu-core binutils"
	@$(MAKE) --no-print-directory venv
	@$(PY) -c "import PyInstaller" 2>/dev/null || \
	  $(PY) -m pip install -q --disable-pip-version-check "pyinstaller>=6.10"
	$(PY) installer/build.py

installer-test: installer
	PY=$(abspath $(PY)) bash installer/smoke_test.sh dist
