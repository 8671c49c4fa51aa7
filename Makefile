# Two entry points for a fresh machine: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint browser eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/rashomon analyze examples/ferry-grounding -o out/report.json --html out/report.html

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/mypy

test: lint browser
	$(BIN)/pytest -q

# The browser tests drive Debian's chromium; install it where apt-get can, else they skip.
browser:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "chromium could not be installed: the browser tests will skip"; fi

eval: $(STAMP)
	$(BIN)/python eval/run_eval.py

# bench_scale at 2k/10k/20k runs for hours on two cores: `make bench SCALE_SIZES=500,1000`.
# Its first run replaces the sentence encoder by hashed vectors (~45 min for all three
# sizes) and counts the texts the encoder would get; the second runs the real one.
SCALE_SIZES ?= 2000,10000,20000
# bench_add builds its store once (~35 min for 20k); smaller: `make bench ADD_STORE_SIZE=2000`.
ADD_STORE_SIZE ?= 20000

bench: $(STAMP)
	$(BIN)/python eval/bench_speed.py
	$(BIN)/python eval/bench_e2e.py
	$(BIN)/python eval/bench_ray.py
	$(BIN)/python eval/bench_stories.py --ray
	$(BIN)/python eval/bench_scale.py --sizes $(SCALE_SIZES) --stand-in-encoder
	$(BIN)/python eval/bench_scale.py --sizes $(SCALE_SIZES)
	$(BIN)/python eval/bench_add.py --size $(ADD_STORE_SIZE)
	$(BIN)/python eval/bench_web.py

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
