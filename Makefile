# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean chromium

install: $(STAMP)

# pip is upgraded first: older pips silently skip lxml's html_clean extra, which justext needs.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# The static embedding model for batch runs, distilled from MiniLM here (about a minute).
	TQDM_DISABLE=1 $(BIN)/python -m crosswire.nlp.embed
	touch $(STAMP)

# Debian's Chromium drives the browser tests (Playwright downloads no browser). Where it cannot be
# installed (no root, no apt), the browser tests skip and say so.
chromium:
	-apt-get install -y -q chromium >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1) || \
	  echo "Chromium could not be installed; the browser tests will skip."

demo: install
	mkdir -p out
	$(BIN)/crosswire extract examples/ --format text
	$(BIN)/crosswire quotes examples/ --format text
	$(BIN)/crosswire extract examples/ --format jsonl -o out/articles.jsonl
	$(BIN)/crosswire quotes examples/ --format jsonl -o out/quotes.jsonl
	$(BIN)/crosswire compare examples/ --format markdown
	$(BIN)/crosswire compare examples/ --format json -o out/comparison.json
	$(BIN)/crosswire compare examples/ --format markdown -o out/comparison.md
	$(BIN)/crosswire compare examples/ --format html --outlets examples/outlets.csv -o out/report.html
	$(BIN)/crosswire compare examples-cross-language/ --outlets examples-cross-language/outlets.csv --format html -o out/cross-language.html
	$(BIN)/crosswire ingest examples/ --db out/crosswire.db
	$(BIN)/crosswire run examples/ --out out/run
	@echo "Wrote out/articles.jsonl, out/quotes.jsonl, out/comparison.json and out/comparison.md"
	@echo "Batch tables (articles, quotes, claims, stories, comparisons): out/run/"
	@echo "Browse the store: $(BIN)/crosswire serve --db out/crosswire.db  (then http://127.0.0.1:8421/)"
	@echo "Open the report: file://$(CURDIR)/out/report.html"
	@echo "The same story in Russian and English: file://$(CURDIR)/out/cross-language.html"

test: install
	@command -v chromium >/dev/null 2>&1 || $(MAKE) --no-print-directory chromium
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/aeb.py
	$(BIN)/python bench/polnear.py --split test
	$(BIN)/python bench/grouping.py
	$(BIN)/python bench/framing.py
	$(BIN)/python bench/compare_speed.py
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) out .pytest_cache .ruff_cache
