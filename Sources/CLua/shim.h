// The system Lua 5.4 (Debian: liblua5.4-dev), found through pkg-config "lua5.4".
#ifndef DATELINE_CLUA_SHIM_H
#define DATELINE_CLUA_SHIM_H
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#endif
