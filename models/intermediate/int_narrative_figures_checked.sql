{{ per_document_config() }}
{#-
    The narrative of a unit budget (预算编制说明, 其他相关情况说明) checked against the tables
    (narrative_matches_table): a figure equals the table cell that prints the same quantity (subjects matched by
    their quoted path through budget_subjects; totals and 三公 items through var('narrative_vocabulary')). A stated
    total against its printed parts: int_narrative_totals_checked; statements of change:
    int_narrative_statements_checked, int_stated_changes_checked, int_narrative_items_checked.
    Tolerances: the contract's (half a unit of the coarser printing; of each term of a sum), see summarise_check_terms.
-#}
{%- set vocabulary = var('narrative_vocabulary') %}

with

figures as (

    select * from {{ ref('int_narrative_items_matched') }} {{ new_documents_only('document_id') }}

),

line_items as (

    select * from {{ ref('stg_extracted__line_items') }} {{ new_documents_only('document_id') }}

),

table_cells_listed as (

    select * from {{ ref('int_budget_table_cells_listed') }}

),

table_cells as (

    select
        *,
        {{ half_unit_yuan('amount_raw', 'source_unit', 'amount_yuan') }} as half_unit
    from line_items
    where
        table_kind <> 'narrative'
        and amount_yuan is not null
        -- a 小计 printed beside its row's 合计 (本年收入/小计) is not a second cell of the row's total
        and line_item_id not in (
            select table_cells_listed.line_item_id from table_cells_listed
            where table_cells_listed.is_repeated_total
        )

),

budget_figures as (

    select
        *,
        row_number() over (
            partition by document_id, source_line, subject_code order by cell_index
        ) as position_on_line
    from figures
    where phase = 'budget' and amount_yuan is not null

),

same_as_table_vocabulary as (

    {{ vocabulary_rows(vocabulary['same_as_table_cell'], ['phrase', 'table_name', 'row_name', 'measure', 'after']) }}

),

table_pairs as (

    select
        budget_figures.line_item_id,
        budget_figures.document_id,
        budget_figures.source_line,
        budget_figures.cell_index,
        budget_figures.item_name_raw,
        budget_figures.amount_yuan,
        budget_figures.amount_half_unit_yuan,
        table_cells.table_key,
        table_cells.source_line as table_line,
        table_cells.amount_yuan as table_amount_yuan,
        table_cells.half_unit as table_half_unit
    from budget_figures
    inner join table_cells
        on
            budget_figures.document_id = table_cells.document_id
            and table_cells.table_key = 'general_public_functional'
            and table_cells.measure = 'total'
            -- a 决算's 年初预算 is no cell of its 决算数 table
            and budget_figures.phase = table_cells.phase
            and budget_figures.class_code = table_cells.class_code
            and budget_figures.kind_code is not distinct from table_cells.kind_code
            and budget_figures.item_code is not distinct from table_cells.item_code
            and table_cells.row_level <> 'total'
    where budget_figures.subject_code is not null and budget_figures.position_on_line = 1

    union all

    select
        budget_figures.line_item_id,
        budget_figures.document_id,
        budget_figures.source_line,
        budget_figures.cell_index,
        budget_figures.item_name_raw,
        budget_figures.amount_yuan,
        budget_figures.amount_half_unit_yuan,
        table_cells.table_key,
        table_cells.source_line as table_line,
        table_cells.amount_yuan as table_amount_yuan,
        table_cells.half_unit as table_half_unit
    from budget_figures
    inner join same_as_table_vocabulary
        on
            budget_figures.item_name_raw like '%' || same_as_table_vocabulary.phrase
            -- an entry with `after` holds only where that phrase precedes the figure on its line
            and (
                coalesce(same_as_table_vocabulary.after, '') = ''
                or exists (
                    select 1 from figures as earlier_figures
                    where
                        earlier_figures.document_id = budget_figures.document_id
                        and earlier_figures.source_line = budget_figures.source_line
                        and earlier_figures.cell_index < budget_figures.cell_index
                        and earlier_figures.item_name_raw like '%' || same_as_table_vocabulary.after
                )
            )
    inner join table_cells
        on
            budget_figures.document_id = table_cells.document_id
            and same_as_table_vocabulary.table_name = table_cells.table_key
            and same_as_table_vocabulary.measure = table_cells.measure
            and (
                same_as_table_vocabulary.row_name = table_cells.item_name_raw
                or (same_as_table_vocabulary.row_name is null and table_cells.row_level = 'total')
                -- a column of a one-row table (the 三公 items in contract v2)
                or (
                    same_as_table_vocabulary.row_name is null
                    and same_as_table_vocabulary.measure <> 'total'
                    and coalesce(table_cells.row_label_raw, '') = ''
                )
            )
    where budget_figures.subject_code is null

),

table_terms as (

    select
        'narrative_matches_table' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':C' || cast(cell_index as {{ text_type() }}) as place_key,
        'the narrative figure ' || item_name_raw || ' equals the ' || table_key || ' cell on line '
        || cast(table_line as {{ text_type() }}) as description,
        'expected' as term_role,
        table_amount_yuan as amount,
        case when table_half_unit > amount_half_unit_yuan then table_half_unit else 0 end as half_unit,
        table_line as source_line
    from table_pairs

    union all

    select
        'narrative_matches_table' as check_name,
        document_id,
        'L' || cast(source_line as {{ text_type() }}) || ':C' || cast(cell_index as {{ text_type() }}) as place_key,
        'the narrative figure ' || item_name_raw || ' equals the ' || table_key || ' cell on line '
        || cast(table_line as {{ text_type() }}) as description,
        'actual' as term_role,
        amount_yuan as amount,
        case when amount_half_unit_yuan > table_half_unit then amount_half_unit_yuan else 0 end as half_unit,
        source_line
    from table_pairs

),

terms as (

    {{ check_terms('table_terms', half_unit='half_unit', blank_is_zero='false', value_unit="'yuan'") }}

),

{{ summarise_check_terms('terms') }}

select * from final
