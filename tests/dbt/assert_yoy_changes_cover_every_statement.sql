-- Every narrative figure that states a change is one row of fct_yoy_changes, and every stated row is one.
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }}

),

changes as (

    select * from {{ ref('fct_yoy_changes') }}

    where stated_direction is not null

),

statements as (

    select line_item_id from line_items
    where table_kind = 'narrative' and stated_direction is not null

),

final as (

    select coalesce(statements.line_item_id, changes.yoy_id) as line_item_id
    from statements
    full outer join changes
        on statements.line_item_id = changes.yoy_id
    where statements.line_item_id is null or changes.yoy_id is null

)

select * from final
