"""财政项目支出绩效目标申报表 (project performance-target forms): a file of many 2023 forms, the single-project 2020
form, the forms a 2022 单位预算 prints at its end. Its parser (parser.py, indicators.py) and its synthetic
generator (synth*.py)."""
