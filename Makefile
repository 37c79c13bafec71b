# Two commands on a fresh machine:  make build   and   make test
# Everything comes from PyPI (pandoc, ffmpeg and eSpeak NG as wheels), pinned.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: build test bench webscore clean setup setup-test bytecode

build: $(VENV)/.runtime bytecode
	$(BIN)/python build.py

test: $(VENV)/.test
	bash tests/ensure-tools.sh
	$(BIN)/python -m pytest

bench: $(VENV)/.test bytecode
	$(BIN)/python bench/run.py

# The HTML reader on real web pages with hand-written snippets (default ../shared/webpages).
webscore: $(VENV)/.runtime
	$(BIN)/python bench/webpages.py --json bench/webpages.json $(PAGES)

# Compiled once here, as pip does for installed packages: each run (the no-op rebuild is about
# 0.1 s) then skips compiling our modules, even where PYTHONDONTWRITEBYTECODE is set.
bytecode: $(VENV)/.runtime
	$(BIN)/python -m compileall -q narration

clean:
	rm -rf output .cache bench/work

setup: $(VENV)/.runtime
setup-test: $(VENV)/.test

$(VENV)/.runtime: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $@

$(VENV)/.test: $(VENV)/.runtime
	$(PIP) -e '.[test]'
	touch $@
