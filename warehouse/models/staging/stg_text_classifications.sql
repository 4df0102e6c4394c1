-- grain: one row per text and model that classified it
-- key: text_kind, text_id, model_hash
-- `is_latest` marks the newest classification of each text: the one the dashboard shows.
with source as (
    select * from text_classifications
),

final as (
    select
        text_kind,
        text_id,
        model_hash,
        model_name,
        model_version,
        language                                              as detected_language,
        appeal_type                                           as predicted_appeal_type,
        appeal_type_score,
        n_areas,
        classified_at,
        row_number() over (partition by text_kind, text_id
                           order by classified_at desc, model_hash) = 1 as is_latest
    from source
)

select * from final
