{#- Fails (one row) when the model and compare_model hold different numbers of rows: a model that must keep every
    row of the relation it describes (e.g. a reporting model over its mart) loses or repeats none. -#}
{% test equal_row_count(model, compare_model) %}

with

model_rows as (

    select count(*) as row_count from {{ model }}

),

compare_rows as (

    select count(*) as row_count from {{ compare_model }}

)

select
    model_rows.row_count as model_row_count,
    compare_rows.row_count as compare_row_count
from model_rows
cross join compare_rows
where model_rows.row_count <> compare_rows.row_count

{% endtest %}
