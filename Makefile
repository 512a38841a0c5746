# Quick start: `make demo` and `make test` work on a fresh machine with Python 3.11 and pip.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test docs bench bench-charts precision clean screenshot

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	@echo "== orgmodel check examples/acme.org.txt (a clean org)"
	$(BIN)/orgmodel check examples/acme.org.txt
	@echo
	@echo "== orgmodel check examples/troubled.org.txt (most rules firing)"
	-$(BIN)/orgmodel check examples/troubled.org.txt
	@echo
	@echo "== orgmodel render: charts of both examples"
	@mkdir -p build/demo
	$(BIN)/orgmodel render examples/acme.org.txt -o build/demo/acme.svg
	$(BIN)/orgmodel render examples/troubled.org.txt -o build/demo/troubled.svg
	@echo "Charts written to build/demo/acme.svg and build/demo/troubled.svg"

test: $(STAMP)
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy orgmodel
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info

docs: $(STAMP)
	$(BIN)/python -m orgmodel.docs README.md docs/rule-packs.md docs/reading-the-documents.md
	$(BIN)/orgmodel render examples/acme.org.txt -o docs/acme.svg
	cd tests/reorg && ../../$(BIN)/orgmodel diff cobaltline.org.txt cobaltline-midyear.org.txt --chart ../../docs/reorg-diff.svg >/dev/null

screenshot: $(STAMP)
	$(BIN)/python tests/readme_screenshot.py

# Every script in benchmarks/ (harness.py is their shared measuring code); each prints its table.
bench: $(STAMP)
	@status=0; for script in benchmarks/*.py; do \
	  case $$script in */harness.py) continue;; esac; \
	  echo "== $$script"; $(BIN)/python $$script || status=1; \
	done; exit $$status

bench-charts: $(STAMP)
	$(BIN)/python benchmarks/charts.py

precision: $(STAMP)
	$(BIN)/python tests/realistic/verdicts.py
