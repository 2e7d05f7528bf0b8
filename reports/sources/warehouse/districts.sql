-- One row per district of the contract (marts.dim_districts), with the one colour every chart draws it in. The
-- colours are fixed per district (not per position in a chart's legend), so a district keeps its colour on every
-- page and when another district is added; none of them is the red or amber that marks a failure.
select
    district_id,
    district_name_zh,
    district_name_en,
    case district_id
        when 'minhang' then '#2563eb'
        when 'putuo' then '#0d9488'
        when 'jiading' then '#7c3aed'
        -- a district added later: a colour from the same cool range, chosen by its id so that it never moves
        else ['#0891b2', '#4f46e5', '#65a30d', '#be185d', '#0f766e', '#6d28d9'][cast(1 + hash(district_id) % 6 as bigint)]
    end as district_colour
from marts.dim_districts
