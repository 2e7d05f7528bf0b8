-- Every agency: the reviewed ones (seeds/reference/agencies.csv) and those a document printed that no reviewed row
-- names, under their generated id (int_documents_registered) and the name as printed (normalised printings share
-- one id; the first in sort order names it).
with

agencies as (

    select * from {{ ref('stg_reference__agencies') }}

),

documents as (

    select * from {{ ref('int_documents_registered') }}

),

reviewed as (

    select
        agency_id,
        agency_name,
        district_id,
        parent_agency_name,
        true as is_reviewed
    from agencies

),

generated as (

    select
        agency_id,
        min(agency_name) as agency_name,
        min(district_id) as district_id,
        cast(null as {{ text_type() }}) as parent_agency_name,
        false as is_reviewed
    from documents
    where agency_id_source = 'generated'
    group by agency_id

),

unioned as (

    select * from reviewed

    union all

    select * from generated

),

final as (

    select
        agency_id,
        agency_name,
        district_id,
        parent_agency_name,
        is_reviewed
    from unioned

)

select * from final
