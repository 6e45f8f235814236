-- A patent search report (prior art, FTO, invalidity) is a deliverable of its own type: its content
-- names the search steps, the ranked results and the claim charts the checks verify (issue #12, points 4-5).
ALTER TABLE deliverables DROP CONSTRAINT deliverables_type_check;
ALTER TABLE deliverables ADD CONSTRAINT deliverables_type_check CHECK (type IN ('report', 'financial_model', 'market_research', 'patent_research'));
