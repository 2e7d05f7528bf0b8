select
    check_id,
    document_id,
    check_name,
    description,
    source_lines,
    expected_value,
    actual_value,
    difference,
    tolerance,
    status,
    likely_cause
from marts.fct_consistency_checks
