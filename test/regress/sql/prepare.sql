--
-- PREPARE / EXECUTE / DEALLOCATE and plan invalidation.
--
CREATE TABLE pr (id int PRIMARY KEY, name text, n int);
INSERT INTO pr SELECT g, 'p' || g::text, g % 10 FROM generate_series(1, 100) g;
PREPARE byid (int) AS SELECT * FROM pr WHERE id = $1;
EXECUTE byid(1);
EXECUTE byid(42);
EXECUTE byid('7');
PREPARE range AS SELECT id FROM pr WHERE id > $1 AND id <= $2 ORDER BY id;
EXECUTE range(10, 13);
PREPARE ins (int, text) AS INSERT INTO pr VALUES ($1, $2, 0);
EXECUTE ins(500, 'five hundred');
EXECUTE ins(500, 'again');
EXECUTE byid(500);
PREPARE upd AS UPDATE pr SET n = n + $2 WHERE id = $1;
EXECUTE upd(500, 3);
EXECUTE byid(500);
PREPARE cnt AS SELECT count(*) FROM pr WHERE n = $1;
EXECUTE cnt(3);
-- errors
EXECUTE byid(1, 2);
EXECUTE byid();
EXECUTE nosuch(1);
PREPARE byid AS SELECT 1;
PREPARE bad AS SELECT * FROM nosuchtable;
EXECUTE byid('x');
-- re-planned after DDL
CREATE INDEX pr_name ON pr (name);
PREPARE byname (text) AS SELECT id FROM pr WHERE name = $1;
EXECUTE byname('p9');
DROP INDEX pr_name;
EXECUTE byname('p9');
ALTER TABLE pr ADD COLUMN extra int;
EXECUTE byid(1);
EXECUTE byname('p10');
-- deallocate
DEALLOCATE byid;
EXECUTE byid(1);
DEALLOCATE PREPARE range;
DEALLOCATE nosuch;
DEALLOCATE ALL;
EXECUTE cnt(1);
-- a statement and EXECUTE in one string
PREPARE one AS SELECT 1 AS x; EXECUTE one;
DEALLOCATE one;
DROP TABLE pr;
