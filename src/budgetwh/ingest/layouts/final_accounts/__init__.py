"""部门决算 and 单位决算 (Shanghai districts)."""
