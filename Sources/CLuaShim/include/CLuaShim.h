// CLuaShim: the parts of Dateline's Lua engine that must be C.
//
// Lua reports errors with longjmp. A longjmp across a Swift frame skips Swift's cleanup (leaks,
// broken invariants), so every place where Lua may raise on Swift's behalf lives here:
// - the trampoline that calls a Swift function and raises *after* the Swift frame has returned;
// - the counting allocator (memory limit) with a "grace" mode while Swift code runs;
// - the debug hook that stops a script (time limit, Ctrl-C, interrupt()), raised from C;
// - the message handler that records a traceback, `print`, and protected helpers.
#ifndef DATELINE_CLUASHIM_H
#define DATELINE_CLUASHIM_H

#include <stddef.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/// Why a running script was asked to stop.
enum {
    DL_STOP_NONE = 0,
    DL_STOP_TIMEOUT = 1,
    DL_STOP_INTERRUPT = 2,
};

/// Return values of a Swift function called through the trampoline, besides a result count >= 0.
enum {
    /// The error value on top of the stack is raised as is (e.g. an error from a Lua callback).
    DL_RAISE_VALUE = -1,
    /// The string on top of the stack is raised, prefixed with the caller's `chunk:line:`.
    DL_RAISE_MESSAGE = -2,
};

/// Calls the Swift implementation `box` with the Lua arguments on the stack.
typedef int (*dl_dispatch_fn)(lua_State *L, void *box);
/// Releases a retained Swift object (called from `__gc`).
typedef void (*dl_release_fn)(void *box);
/// Receives `print` output.
typedef void (*dl_write_fn)(void *context, const char *text, size_t length);

/// One Lua state with its allocator, limits and stop flag. Not thread-safe, except
/// `dl_request_stop`, which may be called from any thread or a signal handler.
typedef struct dl_runtime dl_runtime;

/// Installs the process-wide Swift callbacks (idempotent; set once before any state is created).
void dl_set_callbacks(dl_dispatch_fn dispatch, dl_release_fn release);

/// Creates a state whose allocations are counted; returns NULL when out of memory.
dl_runtime *dl_runtime_new(void);
void dl_runtime_free(dl_runtime *rt);
lua_State *dl_runtime_state(dl_runtime *rt);
/// The runtime owning `L` (any thread of it).
dl_runtime *dl_runtime_of(lua_State *L);

/// Memory limit in bytes (0 = none), bytes in use, and whether the limit was hit since `dl_begin_run`.
void dl_set_memory_limit(dl_runtime *rt, size_t limit);
size_t dl_memory_used(dl_runtime *rt);
int dl_memory_exceeded(dl_runtime *rt);
/// While grace > 0 (Swift code running), allocations past the limit succeed and are reported later.
void dl_grace_enter(dl_runtime *rt);
void dl_grace_leave(dl_runtime *rt);

/// An opaque pointer back to the Swift engine, and the `print` sink.
void dl_set_host(dl_runtime *rt, void *host);
void *dl_host(lua_State *L);
void dl_set_writer(dl_runtime *rt, dl_write_fn write, void *context);

/// Resets the stop flag, memory flag and recorded error before a top-level call.
void dl_begin_run(dl_runtime *rt);
/// Removes the stop hook and clears the stop flag after a top-level call.
void dl_end_run(dl_runtime *rt);
/// Asks the running script to stop at its next instruction. Thread- and async-signal-safe.
void dl_request_stop(dl_runtime *rt, int reason);
int dl_stop_reason(dl_runtime *rt);

/// Starts a watchdog thread that calls `dl_request_stop(rt, DL_STOP_TIMEOUT)` after `seconds`.
int dl_watchdog_start(dl_runtime *rt, double seconds);
/// Cancels and joins the watchdog (no-op when none runs).
void dl_watchdog_stop(dl_runtime *rt);

/// Routes SIGINT to `dl_request_stop(rt, DL_STOP_INTERRUPT)` until `dl_sigint_restore`.
void dl_sigint_install(dl_runtime *rt);
void dl_sigint_restore(void);

/// Pushes a Lua function that calls the retained Swift object `box` (released when collected).
void dl_push_function(lua_State *L, void *box);
/// Pushes a full userdata holding the retained `box`, with the metatable registered as `tname`
/// (its `__gc` must be `dl_box_gc`) and one user value (a field cache). Returns 0 when `tname`
/// is not registered (nothing pushed; the caller still owns `box`).
int dl_push_object(lua_State *L, void *box, const char *tname);
/// The box held by the object at `index` if its metatable is `tname`, else NULL. Never raises.
void *dl_to_object(lua_State *L, int index, const char *tname);
/// `__gc` for boxes: releases the Swift object once.
int dl_box_gc(lua_State *L);

/// `lua_pcall` with the traceback message handler; Lua code called runs without grace.
/// On error the original error value is on top; the message and traceback are recorded.
int dl_pcall(lua_State *L, int nargs, int nresults);
/// The message and traceback recorded by the last failed `dl_pcall` (pushes two strings or nils).
void dl_push_last_error(lua_State *L);

/// Protected `luaL_tolstring`: pushes the display string of the value at `index`; 0 on success,
/// otherwise an error status with the error value pushed.
int dl_tostring(lua_State *L, int index);
/// Protected `luaL_openlibs` + Dateline's C functions (print, coroutine.resume wrapper) in the
/// globals table. Returns a Lua status.
int dl_open_libs(lua_State *L);

#endif
