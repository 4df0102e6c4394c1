-- grain: one row per model version behind the effective labels (an analyst's correction counts under the version it reviewed)
-- key: model_version
-- How much of the appeals the labels cover, for the data-quality page: counting distinct appeals
-- over millions of labels at query time would take most of a second; here it is one small table.
with labels as (
    select * from fct_appeal_areas
),

final as (
    select
        coalesce(model_version, '—')                        as model_version,
        count(distinct appeal_id)                           as appeals_with_areas,
        count(*)                                            as labels,
        count(*) filter (where is_corrected)                as corrected_labels,
        count(distinct appeal_id) filter (where is_corrected) as corrected_appeals
    from labels
    group by all
)

select * from final
