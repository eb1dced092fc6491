--
-- settings: SHOW, SET, RESET, SET LOCAL, current_setting(), set_config(),
-- pg_settings, and rejected names and values.  (ALTER SYSTEM across a
-- restart: test/bin/settings_restart_test.sh.)
--
SHOW work_mem;
SET work_mem = '64MB';
SHOW work_mem;
SELECT current_setting('work_mem');
RESET work_mem;
SHOW work_mem;
BEGIN;
SET LOCAL work_mem = '8MB';
SHOW work_mem;
COMMIT;
SHOW work_mem;
SELECT set_config('work_mem', '16MB', false);
SHOW work_mem;
BEGIN;
SELECT set_config('work_mem', '32MB', true);
COMMIT;
SHOW work_mem;
RESET work_mem;
SELECT current_setting('no_such_setting', true) IS NULL AS missing_ok;
SELECT current_setting('no_such_setting');
SET no_such_setting = 1;
SET work_mem = 'lots';
SET work_mem = '1kB';
SET shared_buffers = '1GB';
SELECT set_config('work_mem', 'x', false);
-- the guide's settings are real
SHOW auto_statistics_gather;
SHOW statistics_gather_interval;
SELECT name, setting, unit, context, vartype, min_val, boot_val, pending_restart
  FROM pg_settings
 WHERE name IN ('work_mem', 'shared_buffers', 'auto_statistics_gather',
                'statistics_gather_interval', 'log_min_duration_statement',
                'log_rotation_size', 'track_counts')
 ORDER BY name;
SELECT name, enumvals FROM pg_settings WHERE name = 'log_statement';
SELECT count(*) > 50 AS many FROM pg_settings;
-- ALTER SYSTEM validates before writing anything
ALTER SYSTEM SET no_such_setting = 1;
ALTER SYSTEM SET work_mem = 'lots';
ALTER SYSTEM SET statistics_gather_interval = '10s';
SHOW statistics_gather_interval;
