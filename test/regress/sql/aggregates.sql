-- aggregates: plain, GROUP BY, HAVING, DISTINCT, ORDER BY inside, FILTER
CREATE TABLE agg_t (g int, v int, s text);
INSERT INTO agg_t VALUES (1, 10, 'a'), (1, 20, 'b'), (2, 30, 'c'), (2, NULL, 'd'),
  (3, 50, NULL), (NULL, 60, 'f'), (1, 10, 'a');
SELECT count(*), count(v), sum(v), min(v), max(v) FROM agg_t;
SELECT avg(v) FROM agg_t;
SELECT g, count(*), sum(v) FROM agg_t GROUP BY g ORDER BY g;
SELECT g, sum(v) FROM agg_t GROUP BY g HAVING sum(v) > 25 ORDER BY g;
SELECT count(DISTINCT v), count(DISTINCT s) FROM agg_t;
SELECT g, string_agg(s, ',' ORDER BY s DESC) FROM agg_t GROUP BY g ORDER BY g;
SELECT g, count(*) FILTER (WHERE v > 15) FROM agg_t GROUP BY g ORDER BY g;
SELECT g * 2 AS g2, max(s) FROM agg_t GROUP BY g * 2 ORDER BY 1;
SELECT count(*) FROM agg_t WHERE false;
SELECT sum(v) FROM agg_t WHERE false;
SELECT g, count(*) FROM agg_t WHERE false GROUP BY g;
SELECT DISTINCT g FROM agg_t ORDER BY g;
SELECT DISTINCT ON (g) g, v FROM agg_t ORDER BY g, v DESC;
SELECT bool_and(v > 5), bool_or(v > 55) FROM agg_t;
SELECT g, array_agg(v ORDER BY v) FROM agg_t GROUP BY g ORDER BY g;
SELECT count(*) AS n HAVING count(*) > 0;
DROP TABLE agg_t;
