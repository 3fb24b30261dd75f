# Two commands set everything up: `make demo` and `make test` (each installs first).
# Other targets: `make lab`, `make run LESSON=01 LANG=ko [PARAMS="-p train_size 100"]`, `make bench`,
# `make check`, `make expected` (regenerate tests/expected_outputs), `make clean`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.course-installed

# LANG is also the shell's locale variable: only a value given on the command line picks the edition.
ifeq ($(origin LANG),command line)
EDITION := $(LANG)
else
EDITION := en
endif
LESSON ?= 01
PARAMS ?=

export PIP_DISABLE_PIP_VERSION_CHECK = 1
# make exports a command-line LANG to its commands; give them a real locale instead. The runner and the
# test suite switch the offline profile on themselves (course_utils.env.OFFLINE_ENV).
RUN := env LANG=C.UTF-8 COURSE_OFFLINE=1

.PHONY: install demo test lab run bench check expected clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt requirements-standins.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[local,test]"
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-standins.txt
	@touch $@

demo: install
	$(RUN) $(PY) -m course_utils run 01 --lang en --html

test: install
	rm -rf build/nbtest
	$(RUN) $(PY) tests/prepare.py --standins --out build/nbtest
	$(RUN) OMP_NUM_THREADS=1 $(PY) -m pytest -n 2 --dist loadfile --durations=8 tests build/nbtest --nbval-lax --nbval-current-env

lab: install
	$(PY) -m pip install --quiet -c constraints.txt -e ".[lab]"
	cd notebooks && $(abspath $(PY)) -m jupyter lab

run: install
	$(RUN) $(PY) -m course_utils run $(LESSON) --lang $(EDITION) --html $(PARAMS)

bench: install
	$(RUN) $(PY) -m course_utils bench

check: install
	$(RUN) $(PY) -m course_utils check

expected: install
	$(RUN) $(PY) tests/prepare.py --regenerate

clean:
	rm -rf build
