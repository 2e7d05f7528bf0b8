-- One row per district of the contract (marts.dim_districts).
select
    district_id,
    district_name_zh,
    district_name_en
from marts.dim_districts
