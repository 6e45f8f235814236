-- A market-research report is a deliverable of its own type: it names the survey version, the tables
-- and the sizings it rests on, so the checks can recompute them (issue #11, point 4).
ALTER TABLE deliverables DROP CONSTRAINT deliverables_type_check;
ALTER TABLE deliverables ADD CONSTRAINT deliverables_type_check CHECK (type IN ('report', 'financial_model', 'market_research'));
