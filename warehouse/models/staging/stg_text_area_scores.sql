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
        polarity_score,
        threshold,
        score - threshold       as margin           -- > 0 above the cut; near 0: the model was unsure
    from source
)

select * from final
