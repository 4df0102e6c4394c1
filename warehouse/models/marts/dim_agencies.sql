-- grain: one row per agency that appears in the appeals or in the agency list
-- key: agency_key
-- Names in the three interface languages, falling back to the name the appeals carry, so the
-- dashboard can label an agency in Kazakh, Russian or English whatever the source gave.
with appeal_agencies as (
    select agency_key, any_value(agency) as appeal_label, count(*) as appeals
    from fct_appeals
    group by agency_key
),

agencies as (
    select * from stg_agencies
),

final as (
    select
        coalesce(a.agency_key, g.agency_code)                              as agency_key,
        coalesce(g.name_kk, g.name_ru, g.name_en, a.appeal_label, a.agency_key, g.agency_code) as name_kk,
        coalesce(g.name_ru, g.name_kk, g.name_en, a.appeal_label, a.agency_key, g.agency_code) as name_ru,
        coalesce(g.name_en, a.appeal_label, g.name_ru, a.agency_key, g.agency_code)           as name_en,
        g.agency_kind,
        g.region_code,
        g.staff_count,
        coalesce(a.appeals, 0)                                             as appeals
    from appeal_agencies a
    full outer join agencies g on g.agency_code = a.agency_key
)

select * from final
