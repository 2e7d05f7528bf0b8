"""部门预算 and 单位预算 (Shanghai districts, 2022 onwards)."""
