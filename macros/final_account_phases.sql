{#- The phases a 决算 prints side by side for a line of its 一般公共预算财政拨款支出决算表, in its table and in its
    narrative: the 年初预算 (phase budget), the 全年预算 (adjusted_budget) and the 决算数 (final_account), each with the
    name its pivoted columns take (<prefix>_budget_…, <prefix>_adjusted_budget_…, <prefix>_execution_…). The table's
    lines (int_final_account_table_lines_pivoted, prefix table) and the narrative's statements
    (int_final_account_statements_grouped, prefix stated) are pivoted the same way, so that
    int_final_account_lines_paired can set one beside the other. -#}
{% macro final_account_phases() -%}
    {{ return([('budget', 'budget'), ('adjusted_budget', 'adjusted_budget'), ('final_account', 'execution')]) }}
{%- endmacro %}

{#- final_account_phase_pivot(prefix, half_unit, line): the aggregates of a `group by` over figures (one row per figure,
    with columns phase and amount_yuan) that set each phase's figure side by side: <prefix>_<phase>_yuan (the sum),
    <prefix>_<phase>_half_unit (half a unit of its last printed digit, the expression half_unit; the largest) and,
    when line names a column, <prefix>_<phase>_line (its first line). No trailing comma. -#}
{% macro final_account_phase_pivot(prefix, half_unit, line=none) -%}
    {%- for phase, name in final_account_phases() -%}
        {%- if not loop.first %},
        {% endif -%}
        sum(case when phase = '{{ phase }}' then amount_yuan end) as {{ prefix }}_{{ name }}_yuan,
        max(case when phase = '{{ phase }}' then {{ half_unit }} end) as {{ prefix }}_{{ name }}_half_unit
        {%- if line %},
        min(case when phase = '{{ phase }}' then {{ line }} end) as {{ prefix }}_{{ name }}_line
        {%- endif %}
    {%- endfor %}
{%- endmacro %}

{#- final_account_phase_columns(prefix, relation, lines): the columns final_account_phase_pivot made (qualified by
    relation when given; the _line columns when lines), for the select lists that carry them on. No trailing comma. -#}
{% macro final_account_phase_columns(prefix, relation=none, lines=false) -%}
    {%- set qualifier = relation ~ '.' if relation else '' -%}
    {%- for phase, name in final_account_phases() -%}
        {%- if not loop.first %},
        {% endif -%}
        {{ qualifier }}{{ prefix }}_{{ name }}_yuan,
        {{ qualifier }}{{ prefix }}_{{ name }}_half_unit
        {%- if lines %},
        {{ qualifier }}{{ prefix }}_{{ name }}_line
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
