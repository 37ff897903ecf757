# make run   set up .venv if needed and start csdesk (a demo book fills an empty store)
# make test  set up .venv if needed and run every check: ruff, import contracts, mypy, pytest
# make bench timing figures beside their targets (not part of the tests)
# make screenshots  every screen on a demo book, offscreen, into docs/screenshots/
# make package  the one-folder desktop bundle dist/csdesk/ (PyInstaller, packaging/)
# make install-desktop  menu entry, icons and the .csdesk file type under ~/.local/share
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test lint bench wheel screenshots package install-desktop clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "csdesk needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/csdesk

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench

screenshots: $(STAMP)
	$(BIN)/python docs/make_screenshots.py

wheel: $(STAMP)
	$(BIN)/python -m build --wheel --outdir dist .

PKG_STAMP := $(VENV)/.package-stamp
$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,package]'
	touch $(PKG_STAMP)

package: $(PKG_STAMP)
	$(BIN)/pyinstaller --noconfirm --log-level WARN \
	    --distpath dist --workpath build/pyinstaller packaging/csdesk.spec
	@du -sh dist/csdesk

install-desktop:
	packaging/linux/install-desktop

clean:
	rm -rf dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
