-- grain: one row per comment a 360-degree rater wrote and competency area it is filed under
-- key: comment_id, area
-- A comment is filed under the area of the item it was written on; a tool that repeats one comment
-- on every item of a submission (KoboToolbox) gives one comment per area, not one per item. Its
-- polarity is the classifier's for that area where `tyndau classify` read the comment (like an
-- appeal), else the score's (1-2 negative, 4-5 positive, 3 neutral); `model_areas` lists every area
-- the classifier found in it. A comment of a rater group with fewer than `min_raters` distinct raters
-- in its own unit (or among the answers that name no unit) is never stored here: its text and score
-- are that small group's (int_360_suppression counts them; self-ratings are the rated person's own).
with responses as (
    select * from stg_survey_responses
),

classifications as (
    select * from stg_text_classifications where text_kind = 'survey_comment' and is_latest
),

scores as (
    select * from stg_text_area_scores where text_kind = 'survey_comment' and is_predicted
),

model_labels as (
    select s.text_id, s.area, s.polarity
    from classifications c
    join scores s using (text_kind, text_id, model_hash)
),

comments as (
    select
        source || ':' || response_id || ':' || md5(free_text)                 as comment_id,
        rated_agency                                                          as agency_key,
        coalesce(rated_unit, '')                                              as unit,
        competency_area                                                       as area,
        rater_role                                                            as rater_group,
        date_trunc('quarter', submitted_at)::date                             as survey_period,
        survey_response_id,
        item_id,
        free_text,
        1 + 4 * (score - coalesce(scale_min, 1))
            / nullif(coalesce(scale_max, 5) - coalesce(scale_min, 1), 0)      as score_5
    from responses
    where free_text is not null and trim(free_text) <> '' and competency_area is not null
      and rated_agency is not null and rater_role is not null and submitted_at is not null
),

grouped as (
    select
        comment_id,
        area,
        any_value(agency_key)                                                 as agency_key,
        any_value(unit)                                                       as unit,
        any_value(rater_group)                                                as rater_group,
        any_value(survey_period)                                              as survey_period,
        min(survey_response_id)                                               as survey_response_id,
        min(item_id)                                                          as item_id,
        avg(score_5)                                                          as score,
        any_value(free_text)                                                  as comment
    from comments
    group by comment_id, area
),

large_enough as (
    select agency_key, unit, area, rater_group, survey_period
    from int_360_suppression
    where level = 'area' and scope in ('unit', 'unitless') and not is_small
),

model_areas as (
    select text_id, list(distinct area order by area) as model_areas from model_labels group by text_id
),

final as (
    select
        g.comment_id,
        g.area,
        g.agency_key,
        g.unit,
        g.rater_group,
        g.survey_period,
        g.survey_response_id,
        g.item_id,
        g.score,
        coalesce(m.polarity,
                 case when g.score <= 2 then 'negative' when g.score >= 4 then 'positive' else 'neutral' end)
                                                                              as polarity,
        case when m.polarity is not null then 'model' else 'score' end        as polarity_source,
        coalesce(a.model_areas, []::varchar[])                                as model_areas,
        g.comment
    from grouped g
    semi join large_enough l
        on l.agency_key = g.agency_key and l.unit = g.unit and l.area = g.area
       and l.rater_group = g.rater_group and l.survey_period = g.survey_period
    left join model_labels m on m.text_id = g.survey_response_id and m.area = g.area
    left join model_areas a on a.text_id = g.survey_response_id
)

select * from final
