# Two commands do all set-up on a fresh machine (Python 3.11+ only):
#   make site   - install, then build the default site into site/
#   make test   - install (with test tools and Chromium), then run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test lint serve schemas golden bench clean browser

site: $(STAMP)
	$(BIN)/toolkit build

test: $(STAMP) browser
	$(BIN)/ruff check generator tests bench data/curate.py
	$(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

serve: $(STAMP)
	$(BIN)/toolkit serve

schemas: $(STAMP)
	$(BIN)/toolkit schemas

golden: $(STAMP)
	$(BIN)/python -m tests.golden --refresh

bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

# Browser tests drive Debian's Chromium (Playwright's own download does not
# work offline); install it when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

clean:
	rm -rf site .cache $(VENV)
