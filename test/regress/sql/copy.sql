--
-- COPY FROM STDIN / TO STDOUT, text and CSV.
--
CREATE TABLE cp (id int PRIMARY KEY, name text, qty int DEFAULT 5, note text);
COPY cp FROM STDIN;
1	apple	10	fresh
2	banana	\N	with\ttab
3	cherry	30	back\\slash
\.
COPY cp (id, name) FROM STDIN;
4	date
5	elder
\.
SELECT * FROM cp ORDER BY id;
COPY cp TO STDOUT;
COPY cp (name, id) TO STDOUT WITH (DELIMITER '|', NULL 'NULL');
COPY cp TO STDOUT WITH (FORMAT csv, HEADER);
COPY (SELECT id, name FROM cp WHERE id > 3 ORDER BY id) TO STDOUT (FORMAT csv, FORCE_QUOTE *);
-- CSV input: quotes, embedded delimiter and newline, empty string vs NULL
COPY cp FROM STDIN WITH (FORMAT csv, HEADER);
id,name,qty,note
10,"comma, inside",1,
11,"line
break",2,""
12,"quote "" here",,x
\.
SELECT id, name, qty, note IS NULL AS note_null FROM cp WHERE id >= 10 ORDER BY id;
-- malformed input loads nothing
COPY cp FROM STDIN;
20	ok	1	a
21	short
\.
COPY cp FROM STDIN;
22	ok	1	a	extra
\.
COPY cp FROM STDIN;
23	bad	notanumber	a
\.
COPY cp FROM STDIN;
24	dup	1	a
1	dup	1	a
\.
SELECT count(*) FROM cp WHERE id >= 20;
-- options
COPY cp FROM STDIN WITH (FORMAT xml);
COPY cp TO STDOUT WITH (DELIMITER '||');
COPY cp TO STDOUT WITH (QUOTE '"');
COPY cp FROM STDIN WITH (FORCE_QUOTE *);
COPY cp (nosuch) FROM STDIN;
COPY cp FROM '/tmp/nosuchfile';
-- indexes are maintained by COPY FROM
COPY cp (id, name) FROM STDIN;
30	zed
\.
SELECT name FROM cp WHERE id = 30;
CREATE VIEW cpv AS SELECT * FROM cp;
COPY cpv TO STDOUT;
DROP VIEW cpv;
DROP TABLE cp;
