"""Layouts of Shanghai's 部门/单位 预算 and 决算: a generic reader of their tables (tables.py) and, per family, what
its tables are called (budget/, final_accounts/)."""
