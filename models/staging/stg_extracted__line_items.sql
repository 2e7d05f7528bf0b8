-- One row per amount: a table cell or a narrative figure.
-- table_kind: ingest before contract v2 wrote its own table names there (income_budget, …); they are read as the
-- v2 kinds, so the models see one vocabulary whichever ingest wrote the seed.
-- table_key names one printed table (half) within a document: the kind, a side-by-side half of a summary table
-- (`financial_summary_income`, `…_expenditure`: the half's header, first in column_path_raw, names income or
-- expenditure), or `other:<printed title>` for a table no kind describes.
with

source as (

    select * from {{ ref('line_items') }}

),

renamed as (

    select
        cast(line_item_id as {{ text_type() }}) as line_item_id,
        cast(document_id as {{ text_type() }}) as document_id,
        cast(source_line as integer) as source_line,
        cast(source_page as integer) as source_page,
        cast(cell_index as integer) as cell_index,
        cast(table_name as {{ text_type() }}) as table_name,
        cast(table_kind as {{ text_type() }}) as table_kind_as_written,
        cast(row_label_raw as {{ text_type() }}) as row_label_raw,
        cast(column_path_raw as {{ text_type() }}) as column_path_raw,
        cast(row_level as {{ text_type() }}) as row_level,
        cast(class_code as {{ text_type() }}) as class_code,
        cast(kind_code as {{ text_type() }}) as kind_code,
        cast(item_code as {{ text_type() }}) as item_code,
        cast(item_name_raw as {{ text_type() }}) as item_name_raw,
        cast(label_raw as {{ text_type() }}) as label_raw,
        cast(measure as {{ text_type() }}) as measure,
        cast(phase as {{ text_type() }}) as phase,
        cast(fiscal_year as integer) as fiscal_year,
        cast(amount_yuan as decimal(18, 2)) as amount_yuan,
        cast(source_unit as {{ text_type() }}) as source_unit,
        cast(amount_raw as {{ text_type() }}) as amount_raw,
        cast(quantity as decimal(18, 2)) as quantity,
        cast(quantity_unit as {{ text_type() }}) as quantity_unit,
        cast(stated_change_pct as decimal(9, 2)) as stated_change_pct,
        cast(stated_change_yuan as decimal(18, 2)) as stated_change_yuan,
        cast(stated_direction as {{ text_type() }}) as stated_direction,
        cast(compare_basis as {{ text_type() }}) as compare_basis,
        cast(compare_fiscal_year as integer) as compare_fiscal_year,
        cast(stated_rate_pct as decimal(9, 2)) as stated_rate_pct,
        cast(stated_share_pct as decimal(9, 2)) as stated_share_pct,
        cast(stated_reason_raw as {{ text_type() }}) as stated_reason_raw

    from source

),

kinds as (

    select
        *,
        case table_kind_as_written
            when 'financial_summary_income' then 'financial_summary'
            when 'financial_summary_expenditure' then 'financial_summary'
            when 'income_budget' then 'revenue'
            when 'expenditure_budget' then 'expenditure'
            when 'general_budget_functional' then 'general_public_functional'
            when 'government_fund_functional' then 'gov_fund_functional'
            when 'general_budget_economic' then 'basic_economic'
            when 'three_public_budget' then 'three_public'
            else table_kind_as_written
        end as table_kind,
        case
            when table_kind_as_written = 'financial_summary_income' then 'income'
            when table_kind_as_written = 'financial_summary_expenditure' then 'expenditure'
            when
                table_kind_as_written not in (
                    'financial_summary', 'income_expenditure_summary', 'appropriation_summary'
                )
                then null
            when {{ regex_extract('column_path_raw', '^[^/]*', 0) }} like '%收入%' then 'income'
            when {{ regex_extract('column_path_raw', '^[^/]*', 0) }} like '%支出%' then 'expenditure'
        end as table_half
    from renamed

),

final as (

    select
        line_item_id,
        document_id,
        source_line,
        source_page,
        cell_index,
        table_name,
        table_kind,
        case
            when table_kind = 'other' then 'other:' || coalesce(table_name, '')
            when table_half is not null then table_kind || '_' || table_half
            else table_kind
        end as table_key,
        row_label_raw,
        column_path_raw,
        row_level,
        class_code,
        kind_code,
        item_code,
        item_name_raw,
        label_raw,
        measure,
        phase,
        fiscal_year,
        amount_yuan,
        source_unit,
        amount_raw,
        quantity,
        quantity_unit,
        stated_change_pct,
        stated_change_yuan,
        stated_direction,
        compare_basis,
        compare_fiscal_year,
        stated_rate_pct,
        stated_share_pct,
        stated_reason_raw
    from kinds

)

select * from final
