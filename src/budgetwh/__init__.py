"""budgetwh: turns Chinese public budget disclosures into a tested dbt + DuckDB warehouse."""

__version__ = "0.1.0"
