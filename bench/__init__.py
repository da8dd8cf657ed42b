"""`python -m bench`: start-up, latency, build throughput, memory and a scale curve.

Every figure is taken in a fresh subprocess (so one measurement's caches, imports and memory
peak never leak into another's), for our pipeline and for the naive llama-index starter
pipeline in the same run, with ours/naive ratios. Results go to `bench/results/` (gitignored).
"""
