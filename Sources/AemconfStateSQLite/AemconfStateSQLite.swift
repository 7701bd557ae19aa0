// Module AemconfStateSQLite.
