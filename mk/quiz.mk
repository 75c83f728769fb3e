# Quizzes: brief fuzzing and content validation after the tests, longer fuzzing on demand.
# `make fuzz FUZZTIME=5m` runs each quiz fuzz target for FUZZTIME.
QUIZ_FUZZ_TARGETS := FuzzNormalize FuzzParse FuzzParseNumber
QUIZ_FUZZ_PKG     := ./lessons/quiz
FUZZTIME          ?= 60s

TEST_POST += quiz-fuzz-brief quiz-validate
.PHONY: fuzz quiz-fuzz-brief quiz-validate

# A few thousand inputs per target (a few seconds): enough to replay the corpus and catch a
# regression. A count rather than a duration: on a loaded machine a timed run can end on a
# worker that has not answered yet (« context deadline exceeded »), which is no finding.
QUIZ_FUZZ_BRIEF ?= 4000x
quiz-fuzz-brief:
	@for f in $(QUIZ_FUZZ_TARGETS); do \
	  $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(QUIZ_FUZZ_BRIEF) $(QUIZ_FUZZ_PKG) || exit 1; done

fuzz:
	@for f in $(QUIZ_FUZZ_TARGETS); do \
	  $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $(QUIZ_FUZZ_PKG) || exit 1; done

# The embedded course must pass its own validator.
quiz-validate: build
	./$(BIN) validate

# The cost of fair grading and crash-safe answers: Normalize and a prefix grade, the
# reader's folded search over the chapter (with the lower-case-only search it replaced,
# for comparison), and one answer's save to the progress store.
BENCH_TARGETS += bench-quiz
.PHONY: bench-quiz
bench-quiz:
	$(GO) test -run '^$$' -bench . -benchmem ./lessons/quiz/ ./tui/reader/ ./internal/textfold/
	$(GO) test -run '^$$' -bench SaveAnswer -benchmem ./internal/progress/
