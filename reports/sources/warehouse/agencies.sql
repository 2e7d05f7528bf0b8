select
    agency_id,
    agency_name,
    district_id,
    parent_agency_name
from marts.dim_agencies
