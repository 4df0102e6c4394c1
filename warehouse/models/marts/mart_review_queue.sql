-- grain: one row per appeal labelled by the newest model that no analyst has corrected yet
-- key: appeal_id
-- What an analyst should check first. Uncertain: some area's score is close to its calibrated
-- threshold (either side: a label that barely passed, or one that barely missed). Consequential:
-- the model gave the text a negative area, and negative labels are what behaviour gaps, training
-- priorities and impact are counted from. Priority = closeness to a threshold (1 at the
-- threshold, 0 at 0.5 away or more) x (1 + number of negative areas, at most 2).
with classifications as (
    select * from stg_text_classifications where text_kind = 'appeal' and is_latest
),

scores as (
    select * from stg_text_area_scores where text_kind = 'appeal' and margin is not null
),

corrections as (
    select * from stg_label_corrections where text_kind = 'appeal' and is_latest
),

per_appeal as (
    select
        s.text_id                                                          as appeal_id,
        min(abs(s.margin))                                                 as closest_margin,
        count(*) filter (where abs(s.margin) < 0.1)                        as uncertain_areas,
        count(*) filter (where s.is_predicted and s.polarity = 'negative') as negative_areas,
        arg_min(s.area, abs(s.margin))                                     as most_uncertain_area
    from classifications c
    join scores s using (text_kind, text_id, model_hash)
    group by s.text_id
),

final as (
    select
        p.appeal_id,
        p.closest_margin,
        p.uncertain_areas,
        p.negative_areas,
        p.most_uncertain_area,
        (1 - least(p.closest_margin, 0.5) / 0.5) * (1 + least(p.negative_areas, 2)) as review_priority,
        a.agency_key,
        a.region_key,
        a.channel,
        a.language,
        a.appeal_type,
        a.registered_month
    from per_appeal p
    anti join corrections k on k.text_id = p.appeal_id
    join fct_appeals a using (appeal_id)
)

select * from final
