# The two commands of the README. Everything they need is installed by scripts/bootstrap.sh.
.PHONY: demo test bench

demo:
	./scripts/demo.sh

test:
	./scripts/test.sh

bench:
	./scripts/bench.sh
