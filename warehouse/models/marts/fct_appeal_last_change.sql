-- grain: one row per appeal, with the last time anything that feeds its evidence changed
-- key: appeal_id
-- What the incremental evidence models ask "what changed since my last build?": the appeal loaded
-- or re-loaded, classified (also with no area at all), or corrected by an analyst. An appeal
-- classified or corrected counts as read (`is_classified`): the denominators of the gap rates.
with appeals as (
    select appeal_id, agency_key, registered_month from fct_appeals
),

loads as (
    select appeal_id, loaded_at from stg_appeals
),

classified as (
    select text_id as appeal_id, max(classified_at) as classified_at
    from stg_text_classifications where text_kind = 'appeal'
    group by text_id
),

corrected as (
    select text_id as appeal_id, max(corrected_at) as corrected_at
    from stg_label_corrections where text_kind = 'appeal'
    group by text_id
),

final as (
    select
        a.appeal_id,
        a.agency_key,
        a.registered_month,
        c.appeal_id is not null or k.appeal_id is not null                    as is_classified,
        greatest(l.loaded_at, c.classified_at, k.corrected_at)                as changed_at
    from appeals a
    join loads l using (appeal_id)
    left join classified c using (appeal_id)
    left join corrected k using (appeal_id)
    where a.agency_key is not null and a.registered_month is not null
)

select * from final
