-- One row per printed form of an agency's name (the official name included), so a name as printed in a document
-- resolves to one agency_id. normalised_alias is the form documents are matched on (see normalised_agency_name).
with

agencies as (

    select * from {{ ref('stg_reference__agencies') }}

),

split_aliases as (

    select
        agency_id,
        district_id,
        {{ split_to_rows('agency_aliases', '|') }} as agency_alias
    from agencies

),

official_names as (

    select
        agency_id,
        district_id,
        agency_name as agency_alias
    from agencies

),

unioned as (

    select
        agency_id,
        district_id,
        trim(agency_alias) as agency_alias
    from split_aliases

    union

    select
        agency_id,
        district_id,
        trim(agency_alias) as agency_alias
    from official_names

),

final as (

    select
        agency_id,
        district_id,
        agency_alias,
        {{ normalised_agency_name('agency_alias') }} as normalised_alias
    from unioned
    where agency_alias <> ''

)

select * from final
