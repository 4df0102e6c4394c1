-- grain: one row per text, model and competency area scored
-- key: text_kind, text_id, model_hash, area
with source as (
    select * from text_area_scores
),

final as (
    select
        text_kind,
        text_id,
        model_hash,
        area_id                 as area,
        score,
        is_predicted,
        polarity,
        polarity_score
    from source
)

select * from final
