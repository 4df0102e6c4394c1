-- grain: one row per correction and competency area the analyst labelled
-- key: correction_id, area
with source as (
    select * from label_correction_areas
),

final as (
    select correction_id, area_id as area, polarity
    from source
)

select * from final
