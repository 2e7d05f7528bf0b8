-- Year over year across documents: an agency's line in year Y against the same line (same 类/款/项 code path, or
-- the total) in its year Y−1 document of the same kind (部门预算 with 部门预算, 单位预算 with 单位预算, 决算 with
-- 决算). Budget documents compare their 一般公共预算支出功能分类 table (basis prior_budget); final accounts their 决算数
-- (basis prior_execution). Both amounts are printed, so prior_amount_is_derived is false and prior_document_id
-- names the Y−1 document. Where Y's narrative states the change for that line against Y−1 on the same basis
-- (比2024年预算增加…), the row is that statement (its id, line and stated figures) and statement_agrees checks it
-- against the prior document's figure. Adding an agency's next-year document adds its rows; nothing else is needed.
-- The lines of each document: int_document_lines_keyed.
{%- set unit_total = var('narrative_vocabulary')['unit_total'] %}

with

narrative as (

    select * from {{ ref('int_narrative_items_matched') }}

),

distinct_lines as (

    select * from {{ ref('int_document_lines_keyed') }}

),

-- the Y−1 document of the same agency and kind (the first by id, should an agency publish two)
pairs as (

    select
        current_lines.*,
        prior_lines.document_id as prior_document_id,
        prior_lines.source_line as prior_source_line,
        prior_lines.amount_yuan as prior_amount_yuan,
        dense_rank() over (
            partition by current_lines.document_id, current_lines.line_key order by prior_lines.document_id
        ) as prior_rank
    from distinct_lines as current_lines
    inner join distinct_lines as prior_lines
        on
            current_lines.agency_id = prior_lines.agency_id
            and current_lines.doc_type = prior_lines.doc_type
            and current_lines.fiscal_year - 1 = prior_lines.fiscal_year
            and current_lines.line_key = prior_lines.line_key
            and current_lines.document_id <> prior_lines.document_id

),

-- the change Y's narrative states for a line, against Y−1 on the line's basis
statements as (

    select
        line_item_id,
        document_id,
        source_line,
        item_name_raw,
        amount_raw,
        compare_basis,
        compare_fiscal_year,
        stated_change_pct,
        stated_change_yuan,
        stated_direction,
        case
            when item_name_raw like '%{{ unit_total }}' then 'total'
            when class_code is not null
                then {{ functional_code_path() }}
        end as line_key,
        row_number() over (
            partition by
                document_id, compare_basis, class_code, kind_code, item_code,
                item_name_raw like '%{{ unit_total }}'
            order by source_line, cell_index
        ) as nth
    from narrative
    where stated_direction is not null

),

joined as (

    select
        pairs.*,
        statements.line_item_id as statement_line_item_id,
        statements.source_line as statement_line,
        statements.amount_raw as statement_amount_raw,
        statements.stated_change_pct,
        statements.stated_change_yuan,
        statements.stated_direction
    from pairs
    left join statements
        on
            pairs.document_id = statements.document_id
            and pairs.line_key = statements.line_key
            and pairs.basis = statements.compare_basis
            and pairs.fiscal_year - 1 = statements.compare_fiscal_year
            and statements.nth = 1
    where pairs.prior_rank = 1

),

final as (

    select
        coalesce(statement_line_item_id, document_id || ':L' || cast(source_line as {{ text_type() }}) || ':' || basis)
            as yoy_id,
        statement_line_item_id,
        district_id,
        agency_id,
        doc_type,
        line_key,
        line_name,
        case when line_key <> 'total' then {{ concat_text(['class_code', 'kind_code', 'item_code']) }} end
            as subject_code,
        fiscal_year,
        amount_yuan,
        coalesce(statement_amount_raw, amount_raw) as amount_raw,
        fiscal_year - 1 as compare_fiscal_year,
        prior_amount_yuan,
        false as prior_amount_is_derived,
        basis,
        cast(amount_yuan - prior_amount_yuan as decimal(18, 2)) as change_yuan,
        cast(round(
            case
                when prior_amount_yuan <> 0
                    then cast(amount_yuan - prior_amount_yuan as double) / cast(prior_amount_yuan as double) * 100
            end,
            2
        ) as decimal(9, 2)) as change_pct,
        stated_change_pct,
        stated_change_yuan,
        stated_direction,
        case
            when stated_direction is not null
                then {{ stated_change_agrees(
                    'amount_yuan', 'prior_amount_yuan', 'stated_change_pct', 'stated_change_yuan', 'stated_direction'
                ) }}
        end as statement_agrees,
        document_id,
        coalesce(statement_line, source_line) as source_line,
        source_line as amount_source_line,
        prior_document_id,
        prior_source_line
    from joined

)

select * from final
