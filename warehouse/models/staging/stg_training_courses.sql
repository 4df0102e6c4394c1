-- grain: one row per course of the training catalogue
-- key: course_id
with source as (
    select * from raw_training_courses
),

final as (
    select course_id, title_en, title_ru, title_kk, areas, duration_hours, cost_per_seat, max_seats, provider
    from source
)

select * from final
