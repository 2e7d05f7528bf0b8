{{ per_document_config() }}
{#-
    The cells of a document's budget or 决算 tables keyed for the checks between tables
    (int_budget_table_links_checked): each amount with its document family, its row key (the 类/款/项 code path,
    `total`, or for a line printed without codes the class its name matches, through budget_subjects or the
    document's own coded rows), whether it is a class or total row, and whether the document's income table prints
    money that is not an appropriation (上年结转, 事业收入 …). A 小计 printed beside its row's 合计 is left out.
-#}
with

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

document_families as (

    select
        document_id,
        case
            when doc_type in ('unit_budget', 'department_budget') then 'budget'
            when doc_type in ('unit_final_accounts', 'department_final_accounts') then 'final_accounts'
        end as document_family
    from {{ ref('stg_extracted__documents') }} {{ new_documents_only('document_id') }}

),

class_subjects as (

    select * from {{ ref('int_budget_subject_paths_unnested') }}

    where classification = 'functional' and subject_level = 'class'

),

-- the class names the document's own coded rows print (a class budget_subjects does not list yet)
document_class_names as (

    select
        document_id,
        min(class_code) as class_code,
        {{ regex_replace_all("coalesce(item_name_raw, row_label_raw)", '[[:space:]　]+', '') }} as class_name
    from line_items
    where row_level = 'class' and class_code is not null and kind_code is null
    group by document_id, {{ regex_replace_all("coalesce(item_name_raw, row_label_raw)", '[[:space:]　]+', '') }}

),

-- a line without codes (一、社会保障和就业支出) is matched to its class by name: the keys of both joins below,
-- null on every other row, so they are plain equalities (hash joins; a condition on the left side alone in the
-- join made DuckDB compare every pair of rows: minutes at ×1000)
named_line_items as (

    select
        *,
        case
            when class_code is null and row_level = 'line'
                then {{ regex_replace_all('item_name_raw', '^[一二三四五六七八九十]+、', '') }}
        end as class_path_key,
        case
            when class_code is null and row_level = 'line'
                then {{ regex_replace_all(
                    regex_replace_all('item_name_raw', '^[一二三四五六七八九十]+、', ''), '[[:space:]　]+', ''
                ) }}
        end as class_name_key
    from line_items
    where
        table_kind not in ('narrative', 'other')
        and amount_yuan is not null
        -- a 小计 printed beside the row's 合计 (本年收入/小计) is not one more total
        and line_item_id not in (
            select repeated_totals.line_item_id from {{ ref('int_budget_table_cells_listed') }} as repeated_totals
            where repeated_totals.is_repeated_total
        )

),

cells as (

    select
        line_items.line_item_id,
        line_items.document_id,
        document_families.document_family,
        line_items.table_key,
        line_items.source_line,
        line_items.measure,
        line_items.amount_yuan,
        {{ half_unit_yuan('line_items.amount_raw', 'line_items.source_unit', 'line_items.amount_yuan') }}
            as half_unit,
        case
            when line_items.row_level = 'total' then 'total'
            when line_items.class_code is not null
                then concat_ws('-', line_items.class_code, line_items.kind_code, line_items.item_code)
            else coalesce(class_subjects.class_code, document_class_names.class_code)
        end as row_key,
        line_items.row_level = 'total' or line_items.kind_code is null as is_class_or_total
    from named_line_items as line_items
    inner join document_families
        on line_items.document_id = document_families.document_id
    left join class_subjects
        on line_items.class_path_key = class_subjects.subject_path
    left join document_class_names
        on
            line_items.document_id = document_class_names.document_id
            and line_items.class_name_key = document_class_names.class_name
    where document_families.document_family is not null

),

-- documents whose income table prints money that is not an appropriation (上年结转, 事业收入, 其他收入 …)
other_funds_documents as (

    select distinct document_id
    from line_items
    where
        table_kind = 'revenue'
        and amount_yuan <> 0
        and measure not in ('total', 'revenue', 'fiscal_appropriation', 'general_public', 'gov_fund', 'state_capital')

),

final as (

    select
        cells.*,
        other_funds_documents.document_id is not null as has_other_funds
    from cells
    left join other_funds_documents
        on cells.document_id = other_funds_documents.document_id
    where cells.row_key is not null

)

select * from final
