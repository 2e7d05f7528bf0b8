-- One row per district, with the one colour every chart draws it in. The colours are fixed per district (not per
-- position in a chart's legend), so a district keeps its colour on every page and when another district is added;
-- none of them is the red or amber that marks a failure.
with

districts as (

    select * from {{ ref('dim_districts') }}

),

final as (

    select
        district_id,
        district_name_zh,
        district_name_en,
        case district_id
            when 'minhang' then '#2563eb'
            when 'putuo' then '#0d9488'
            when 'jiading' then '#7c3aed'
            -- a district added later: a colour from the same cool range, chosen by its id so that it never moves
            else
                case {{ hash_bucket('district_id', 6) }}
                    when 0 then '#0891b2'
                    when 1 then '#4f46e5'
                    when 2 then '#65a30d'
                    when 3 then '#be185d'
                    when 4 then '#0f766e'
                    else '#6d28d9'
                end
        end as district_colour
    from districts

)

select * from final
