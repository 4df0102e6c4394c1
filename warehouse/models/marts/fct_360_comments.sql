-- grain: one row per comment a 360-degree rater wrote and competency area it is filed under
-- key: comment_id, area
-- A tool that repeats one comment on every item of a submission (KoboToolbox) gives one comment
-- per area, not one per item. Polarity comes from the score (1-2 negative, 4-5 positive, 3 neutral);
-- the pages show a comment only when its rater group passes the anonymity rule (mart_360_scores).
with responses as (
    select * from stg_survey_responses
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

final as (
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
        case when avg(score_5) <= 2 then 'negative'
             when avg(score_5) >= 4 then 'positive'
             else 'neutral' end                                               as polarity,
        'score'                                                               as polarity_source,
        any_value(free_text)                                                  as comment
    from comments
    group by comment_id, area
)

select * from final
