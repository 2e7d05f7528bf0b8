"""绩效评价结果 (performance-evaluation results): one table of evaluated projects with their scores and grades. Its
parser (parser.py) and its synthetic generator (synth.py)."""
