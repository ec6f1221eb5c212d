# entente - one Makefile: make, make test, make asan, make bench, make fuzz,
# make demo, make model, make eval, make clean.
#
# Sources are found by wildcard: a new src/lib/*.c joins the library, a new
# src/cli/cmd_*.c the command, a new tests/unit/test_*.c the test runner,
# a new tests/fuzz/fuzz_*.c a fuzz target (and its corpus replay).

CC      ?= cc
BUILD   ?= build
SHARED  ?= ../shared
PKGS     = libutf8proc libxml-2.0 jansson sqlite3 igraph gsl
DEB_PKGS = gcc make pkg-config libutf8proc-dev libxml2-dev libjansson-dev \
           libsqlite3-dev iso-codes wordnet-base clang libclang-rt-14-dev time \
           libigraph-dev libgsl-dev libglpk-dev

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wno-unused-parameter
ifeq ($(CI),true)
WARN    += -Werror
endif
OPT     ?= -O2 -g
CFLAGS  ?=
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) \
             -Iinclude -I$(BUILD)/gen $(PKG_CFLAGS) $(SAN) $(CFLAGS)
SAN     ?=
LDLIBS   = $(PKG_LIBS) -lglpk -lm -lpthread $(SAN)

LIB_SRC  := $(sort $(wildcard src/lib/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))
GEN_SRC  := $(BUILD)/gen/builtin_data.c

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/builtin_data.o
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o) \
            $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/obj/replay/%.o)

# Built-in data embedded in the library: every file under data/ that the
# library reads at run time (dictionaries, the parser model).
DATA_FILES := $(sort $(wildcard data/dict/*.txt data/dict/*/*.txt data/model/*.bin)) \
              $(BUILD)/gen/iso3166.txt

.PHONY: all test asan bench fuzz demo setup clean check-deps model eval eval-parse \
        model-splitter eval-segment demo-seeds
all: $(BUILD)/entente

$(BUILD)/obj/%.o: %.c $(wildcard include/entente/*.h) $(wildcard src/lib/*.h) $(wildcard src/cli/*.h) $(wildcard tests/unit/*.h) | check-deps
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# Each fuzz target is also compiled for the corpus replay inside the test
# runner, its entry point renamed after the target.
$(BUILD)/obj/replay/fuzz_%.o: tests/fuzz/fuzz_%.c $(wildcard include/entente/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DLLVMFuzzerTestOneInput=fuzz_$*_one -c $< -o $@

$(BUILD)/libentente.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/entente: $(CLI_OBJ) $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libentente.a $(LDLIBS)

# Generated: the list of unit tests and fuzz replays for the runner.
$(BUILD)/gen/tests.h: $(TEST_SRC) $(FUZZ_SRC) tools/gen-tests.sh
	@mkdir -p $(dir $@)
	sh tools/gen-tests.sh $(TEST_SRC) -- $(FUZZ_SRC) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tests/unit/runner.o: $(BUILD)/gen/tests.h

# Generated: the command table, from the "command:" line of each command.
CMD_SRC := $(sort $(wildcard src/cli/cmd_*.c))
$(BUILD)/gen/commands.h: $(CMD_SRC) tools/gen-commands.sh
	@mkdir -p $(dir $@)
	sh tools/gen-commands.sh $(CMD_SRC) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/src/cli/main.o: $(BUILD)/gen/commands.h

# Generated: ISO 3166-1 names from Debian's iso-codes.
$(BUILD)/gen/iso3166.txt: tools/gen-iso3166.c | check-deps
	@mkdir -p $(BUILD)/tools $(dir $@)
	$(CC) -std=c11 -O1 $(PKG_CFLAGS) -o $(BUILD)/tools/gen-iso3166 $< $(PKG_LIBS)
	$(BUILD)/tools/gen-iso3166 > $@.tmp && mv $@.tmp $@

# Generated: built-in data files embedded as C arrays.
$(GEN_SRC): $(DATA_FILES) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(DATA_FILES) > $@.tmp && mv $@.tmp $@

$(BUILD)/test_runner: $(TEST_OBJ) $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -o $@ $(TEST_OBJ) $(BUILD)/libentente.a $(LDLIBS)

test: $(BUILD)/entente $(BUILD)/test_runner
	ENTENTE_BIN=$(BUILD)/entente SHARED=$(SHARED) $(BUILD)/test_runner

asan:
	$(MAKE) BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

# libFuzzer targets (clang): build/fuzz/fuzz_<name>; run one with
#   build-fuzz/fuzz_segment tests/fuzz/corpus/segment
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang OPT="-O1 -g" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined" build-fuzz/libentente.a
	@for f in $(FUZZ_SRC); do n=$$(basename $$f .c); \
	  echo "clang $$f -> build-fuzz/$$n"; \
	  clang -std=c11 -O1 -g -Iinclude $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined \
	    $$f build-fuzz/libentente.a $(PKG_LIBS) -lm -lpthread -o build-fuzz/$$n || exit 1; done

bench: $(BUILD)/entente
	SHARED=$(SHARED) sh bench/run.sh $(BUILD)/entente

demo: setup
	$(MAKE) all
	@rm -f $(BUILD)/demo.db*
	@echo "== entente code examples/ : events and relation statements from the project's example documents"
	$(BUILD)/entente code -q --format tsv examples/ | cut -f1,3-7,14
	@echo
	@echo "== entente ingest: into the store $(BUILD)/demo.db"
	$(BUILD)/entente code -q examples/ | $(BUILD)/entente ingest --db $(BUILD)/demo.db
	@echo
	@echo "== entente dyad RUS PAK --by month"
	-$(BUILD)/entente dyad --db $(BUILD)/demo.db RUS PAK
	@echo
	@echo "== entente network --min-events 1"
	$(BUILD)/entente network --db $(BUILD)/demo.db --min-events 1
	@echo
	@echo "== entente balance --min-events 1"
	$(BUILD)/entente balance --db $(BUILD)/demo.db --min-events 1
	@echo
	@echo "== entente pivots --min-events 2"
	$(BUILD)/entente pivots --db $(BUILD)/demo.db --min-events 2
	@echo
	@echo "The mission documents, when ../shared is there: make demo-seeds"

# The same on the two mission documents in ../shared/seeds.
demo-seeds: all
	@if [ ! -d $(SHARED)/seeds ]; then echo "demo-seeds: $(SHARED)/seeds not found"; exit 0; fi
	@rm -f $(BUILD)/seeds.db*
	$(BUILD)/entente code -q $(SHARED)/seeds/*.txt examples/ | $(BUILD)/entente ingest --db $(BUILD)/seeds.db
	$(BUILD)/entente network --db $(BUILD)/seeds.db --min-events 1
	$(BUILD)/entente balance --db $(BUILD)/seeds.db --min-events 1
	$(BUILD)/entente pivots --db $(BUILD)/seeds.db --min-events 4

# Installs missing Debian packages when run as root; otherwise prints the
# one command that would.
setup:
	@sh tools/setup.sh $(DEB_PKGS)

check-deps:
	@pkg-config --exists $(PKGS) || { echo "entente: missing libraries; run 'make setup' (as root) first" >&2; \
	  sh tools/setup.sh --print $(DEB_PKGS) >&2; exit 1; }

clean:
	rm -rf build build-asan build-fuzz

# ---- Parser: model training (make model) and evaluation (make eval-parse).
# tools/train-parser.c trains the tagger, lemmatiser tables and parser on
# UD English EWT and WordNet's exception lists, in two runs: the first
# trains on train and chooses the epochs and the tagger's second-pass
# margin on dev (build/model-settings.txt); the second trains on train and
# dev together with those settings. The model is written to
# data/model/parser.bin and embedded into the library. Deterministic: same
# data, same bytes.
UD       = $(SHARED)/data/ud
WORDNET ?= /usr/share/wordnet

$(BUILD)/tools/train-parser: tools/train-parser.c src/lib/parse_int.h $(BUILD)/libentente.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libentente.a $(LDLIBS)

model: $(BUILD)/tools/train-parser
	@test -f $(UD)/en_ewt/train.conllu || { echo "entente: $(UD)/en_ewt/train.conllu not found; cannot train" >&2; exit 1; }
	@mkdir -p data/model
	ENT_SETTINGS_OUT=$(BUILD)/model-settings.txt nice $(BUILD)/tools/train-parser \
	  $(UD)/en_ewt/train.conllu $(UD)/en_ewt/dev.conllu $(WORDNET) $(BUILD)/model-dev.bin
	ENT_SETTINGS_IN=$(BUILD)/model-settings.txt ENT_TRAIN_EXTRA=$(UD)/en_ewt/dev.conllu \
	  nice $(BUILD)/tools/train-parser $(UD)/en_ewt/train.conllu $(UD)/en_ewt/dev.conllu \
	  $(WORDNET) data/model/parser.bin.tmp
	mv data/model/parser.bin.tmp data/model/parser.bin
	$(MAKE) all

eval-parse: $(BUILD)/entente
	@for set in en_ewt/test en_pud/test; do \
	  gold=$(UD)/$$set.conllu; \
	  if [ ! -f $$gold ]; then echo "eval-parse: $$gold not found; skipped"; continue; fi; \
	  mkdir -p $(BUILD)/eval; pred=$(BUILD)/eval/$$(echo $$set | tr / -).conllu; \
	  $(BUILD)/entente parse -q --input conllu $$gold > $$pred || exit 1; \
	  echo "== $$set (gold tokenisation)"; \
	  $(BUILD)/entente eval --conllu $$gold $$pred || exit 1; \
	done

# The sentence-boundary model (data/model/sentsplit.bin), trained on UD
# English EWT train; deterministic (same data, same bytes).
EWT = $(SHARED)/data/ud/en_ewt
model-splitter: $(BUILD)/entente
	@test -f $(EWT)/train.conllu || { echo "model-splitter: $(EWT)/train.conllu not found"; exit 1; }
	$(BUILD)/entente segment --train-splitter $(EWT)/train.conllu data/model/sentsplit.bin

# Sentence, token and word scores of the segmenter on UD EWT test and PUD.
eval-segment: $(BUILD)/entente
	@for f in $(EWT)/test.conllu $(SHARED)/data/ud/en_pud/test.conllu; do \
	  if [ -f $$f ]; then $(BUILD)/entente segment --eval $$f; \
	  else echo "eval-segment: $$f not found, skipped"; fi; done

# Generated by hand from ../shared (committed, so that builds need no
# ../shared): the CAMEO code table.
.PHONY: cameo
cameo:
	@mkdir -p $(BUILD)/tools
	$(CC) -std=c11 -O1 -Wall -Wextra -o $(BUILD)/tools/gen-cameo tools/gen-cameo.c
	$(BUILD)/tools/gen-cameo $(SHARED)/data/cameo > data/dict/cameo.txt.tmp && \
	  mv data/dict/cameo.txt.tmp data/dict/cameo.txt

# Event coding against every gold set present in ../shared, one table:
# the PETRARCH unit tests with their own dictionaries, the PETR-2 GSR with
# CAMEO.2.0 and the Phoenix actors, the rest with the built-in set.
GOLD = $(SHARED)/data/gold
PETR = $(SHARED)/data/petrarch
eval: $(BUILD)/entente
	@if [ ! -d $(GOLD) ]; then echo "eval: $(GOLD) not found, skipped"; exit 0; fi
	@echo "== entente eval (gold sets in $(GOLD))"
	@$(BUILD)/entente eval --gold $(GOLD)/petr_unittest.jsonl --dict "$(PETR)/PETR.Validate.*" 2>/dev/null || true
	@$(BUILD)/entente eval --gold $(GOLD)/petr2_gsr.jsonl --dict "$(PETR)/CAMEO.2.0.txt,$(PETR)/Phoenix.*" 2>/dev/null || true
	@for s in cameo_manual_dev plover_gsr_dev conflibert_test_dev; do \
	  if [ -f $(GOLD)/$$s.jsonl ]; then $(BUILD)/entente eval --gold $(GOLD)/$$s.jsonl 2>/dev/null; fi; done

# --- Analysis benchmark (bench/bench_60_analysis.sh): a small C program
# that times the analysis library on ten million generated events.
$(BUILD)/bench_analysis: bench/bench_analysis.c bench/bench_util.h $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libentente.a $(LDLIBS)
bench: $(BUILD)/bench_analysis

# --- Store benchmark (bench/bench_70_store.sh): builds a store of ten
# million generated events and times the dyad and balance commands on it.
$(BUILD)/bench_store: bench/bench_store.c bench/bench_util.h $(BUILD)/libentente.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libentente.a $(LDLIBS)
bench: $(BUILD)/bench_store
