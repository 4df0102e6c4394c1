-- grain: one row per agency
-- key: agency_code
with source as (
    select * from raw_agencies
),

final as (
    select agency_code, name_kk, name_ru, name_en, agency_kind, region_code, staff_count
    from source
)

select * from final
