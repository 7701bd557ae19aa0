// Module AemconfState.
