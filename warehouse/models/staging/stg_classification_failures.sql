-- grain: one row per text a model could not classify
-- key: text_kind, text_id, model_hash
with source as (
    select * from classification_failures
),

final as (
    select
        text_kind,
        text_id,
        model_hash,
        model_name,
        model_version,
        text_hash,
        reason,
        detail,
        failed_at
    from source
)

select * from final
