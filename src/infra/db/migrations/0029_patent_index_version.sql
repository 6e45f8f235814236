-- The version of kpo's tokens and impacts a corpus's posting blocks were built with
-- (INDEX_VERSION in src/core/workbenches/patent-search/tokens.ts). Version 2 stops digits and Latin
-- letters at kana and kanji (「第1の脈波センサ」 was one token "1の脈波センサ"): corpora indexed
-- before are marked 1 and rebuilt from their patents when kpo starts (reindexOutdatedCorpora);
-- corpora made from now on are built with version 2.
ALTER TABLE patent_corpora ADD COLUMN index_version integer NOT NULL DEFAULT 1;
ALTER TABLE patent_corpora ALTER COLUMN index_version SET DEFAULT 2;
