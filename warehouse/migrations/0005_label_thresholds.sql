-- 0005: each area score keeps the calibrated threshold it was compared with, so the distance of a
-- label from its threshold (how sure the model was) can be shown and used to order the review queue.
-- Rows written before this migration have no threshold (null): they count as not known.
alter table text_area_scores add column threshold double;
