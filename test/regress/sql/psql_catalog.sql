--
-- psql_catalog.sql: the catalogs, functions and types psql's describe
-- commands read (\db, \dT, \dC, \do, \sf, \df+, and the empty catalogs of
-- features RustyDB does not have: \dy, \drds, \des, \dew, \deu, \det, \dRs,
-- \lo_list).  Expected output: PostgreSQL 15.
--
\db
\dy
\drds
\des
\dew
\deu
\det
\dRs
\lo_list
\sf now
\sf sum
\sf abs
SELECT 'now'::regproc, 'pg_catalog.now'::regproc, 0::regproc;
SELECT 'abs'::regproc;
SELECT 'no_such_function'::regproc;
SELECT pg_type_is_visible('int4'::regtype), pg_type_is_visible(0) IS NULL AS no_type;
SELECT getdatabaseencoding(), pg_char_to_encoding('utf8'), pg_char_to_encoding('LATIN1'),
       pg_char_to_encoding('nonsense');
SELECT spcname, pg_tablespace_location(oid) FROM pg_tablespace ORDER BY oid;
SELECT lanname, lanispl, lanpltrusted FROM pg_language
WHERE lanname IN ('internal', 'c', 'sql') ORDER BY oid;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod
FROM pg_cast
WHERE castsource = 'int4'::regtype
  AND casttarget IN ('int8'::regtype, 'float8'::regtype, 'bool'::regtype, 'int2'::regtype)
ORDER BY casttarget::oid;
SELECT oprname, oprkind, oprleft::regtype, oprright::regtype, oprresult::regtype,
       oprcode, oprcom <> 0 AS has_commutator
FROM pg_operator
WHERE oprname IN ('+', '<') AND oprleft = 'int4'::regtype AND oprright = 'int4'::regtype
ORDER BY oprname;
SELECT o.oprname, c.oprname AS commutator, n.oprname AS negator
FROM pg_operator o
  LEFT JOIN pg_operator c ON c.oid = o.oprcom
  LEFT JOIN pg_operator n ON n.oid = o.oprnegate
WHERE o.oprleft = 'int8'::regtype AND o.oprright = 'int8'::regtype AND o.oprname IN ('<', '=')
ORDER BY 1;
SELECT p.proname, p.prosrc, p.proparallel, p.prosecdef, p.proacl IS NULL AS default_acl
FROM pg_proc p WHERE p.oid = 'now'::regproc;
SELECT typname, typdefault IS NULL AS no_default, typacl IS NULL AS default_acl
FROM pg_type WHERE oid = 'int4'::regtype;
SELECT count(*) FROM pg_enum;
SELECT count(*) FROM pg_event_trigger;
SELECT 'generate_series(int,int)'::regprocedure, 'now()'::regprocedure::regproc,
       'pg_catalog.lower( text )'::regprocedure::oid = 'lower(text)'::regprocedure::oid AS same;
SELECT 'abs(int)'::regprocedure::regproc AS qualified, 'now()'::regprocedure::regproc AS unique_name;
SELECT 'abs(text)'::regprocedure;
SELECT 'abs'::regprocedure;
SELECT 'abs(nosuchtype)'::regprocedure;
SELECT 'abs(int'::regprocedure;
-- the reg* types compare as OIDs
SELECT oid::regtype FROM pg_type WHERE typname IN ('int4', 'int8', 'bool') ORDER BY 1;
SELECT 'int4'::regtype < 'int8'::regtype AS lt, 'pg_class'::regclass = 1259 AS eq;
-- size functions take a regclass: a name literal works
SELECT pg_relation_size('pg_class') > 0 AS rel, pg_table_size('pg_class') > 0 AS tab,
       pg_relation_size('pg_class'::regclass::oid) = pg_relation_size('pg_class') AS by_oid;
SELECT pg_relation_size('no_such_table');
