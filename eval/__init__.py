"""Evaluation of the QA assistant: gold set, metrics, runner and regression gate.

`python -m eval` scores `eval/gold.jsonl` and fails (exit 1) when a metric regresses against
`eval/baseline.json` or a must-pass item fails. Modules: `gold_schema` (load/validate gold
files), `metrics` (every metric, defined once), `runner` (asking and judging), `naive` (the
llama-index starter pipeline for comparison), `gate` (baseline comparison), `report` (output).
"""
