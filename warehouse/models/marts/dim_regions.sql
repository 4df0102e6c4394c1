-- grain: one row per region that appears in the appeals or in the reference list
-- key: region_key
-- Region names in the three interface languages (KATO reference data), falling back to the
-- name the appeals carry for regions outside the reference list (other countries' data).
with appeal_regions as (
    select region_key, any_value(region) as appeal_label, count(*) as appeals
    from fct_appeals
    group by region_key
),

regions as (
    select * from ref_regions
),

final as (
    select
        coalesce(a.region_key, r.region_code)                               as region_key,
        coalesce(r.name_kk, a.appeal_label, a.region_key, r.region_code)    as name_kk,
        coalesce(r.name_ru, a.appeal_label, a.region_key, r.region_code)    as name_ru,
        coalesce(r.name_en, a.appeal_label, a.region_key, r.region_code)    as name_en,
        coalesce(a.appeals, 0)                                              as appeals
    from appeal_regions a
    full outer join regions r on r.region_code = a.region_key
    where a.region_key is not null or r.region_code is not null
)

select * from final
