#ifndef AEMCONF_CLIBYAML_SHIM_H
#define AEMCONF_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
