// See CLuaShim.h for why these parts are C.
#include "CLuaShim.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

// Count hook only: it fires on every Lua instruction once installed, and never on calls of C
// functions, so the `__gc` of Swift boxes still runs (and releases) while a script is being stopped.
#define DL_HOOK_MASK LUA_MASKCOUNT
#define DL_FUNCTION_META "dateline.function"
#define DL_ERRVAL "dateline.error.value"
#define DL_ERRMSG "dateline.error.message"
#define DL_TRACEBACK "dateline.error.traceback"

struct dl_runtime {
    // Allocator state (only touched by the thread running the state).
    size_t used;
    size_t limit;
    int grace;
    int exceeded;
    int overshoot;
    lua_State *L;
    // Stop request: written by the watchdog, a signal handler or another thread.
    _Atomic int stop;
    _Atomic(lua_State *) current;
    // Host.
    void *host;
    dl_write_fn write;
    void *write_context;
    // Watchdog.
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    pthread_t watchdog;
    int watchdog_running;
    int watchdog_cancel;
    struct timespec deadline;
};

static _Atomic(dl_dispatch_fn) g_dispatch = NULL;
static _Atomic(dl_release_fn) g_release = NULL;

void dl_set_callbacks(dl_dispatch_fn dispatch, dl_release_fn release) {
    atomic_store(&g_dispatch, dispatch);
    atomic_store(&g_release, release);
}

// MARK: - Allocator

static void *dl_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    dl_runtime *rt = (dl_runtime *)ud;
    if (ptr == NULL) osize = 0;
    if (nsize == 0) {
        free(ptr);
        rt->used -= osize;
        return NULL;
    }
    if (rt->limit != 0 && nsize > osize && rt->used - osize + nsize > rt->limit) {
        rt->exceeded = 1;
        if (rt->grace == 0) return NULL;  // Lua collects garbage, retries, then raises "not enough memory"
        rt->overshoot = 1;                // Swift is running: never raise under it; raise on return
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    rt->used = rt->used - osize + nsize;
    return p;
}

// Only reached if a Lua error escapes every protected call: a bug in the engine. Say so and abort
// (returning would let Lua abort anyway, with less information).
static int dl_panic(lua_State *L) {
    const char *message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
    fprintf(stderr, "dateline: internal error: unprotected Lua error: %s\n", message);
    fflush(stderr);
    abort();
    return 0;
}

dl_runtime *dl_runtime_new(void) {
    dl_runtime *rt = (dl_runtime *)calloc(1, sizeof(dl_runtime));
    if (rt == NULL) return NULL;
    atomic_init(&rt->stop, DL_STOP_NONE);
    atomic_init(&rt->current, NULL);
    pthread_mutex_init(&rt->mutex, NULL);
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&rt->cond, &attr);
    pthread_condattr_destroy(&attr);
    rt->L = lua_newstate(dl_alloc, rt);
    if (rt->L == NULL) {
        pthread_cond_destroy(&rt->cond);
        pthread_mutex_destroy(&rt->mutex);
        free(rt);
        return NULL;
    }
    lua_atpanic(rt->L, dl_panic);
    return rt;
}

void dl_runtime_free(dl_runtime *rt) {
    if (rt == NULL) return;
    dl_watchdog_stop(rt);
    rt->limit = 0;
    rt->grace = 1;
    lua_close(rt->L);
    pthread_cond_destroy(&rt->cond);
    pthread_mutex_destroy(&rt->mutex);
    free(rt);
}

lua_State *dl_runtime_state(dl_runtime *rt) { return rt->L; }

dl_runtime *dl_runtime_of(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (dl_runtime *)ud;
}

void dl_set_memory_limit(dl_runtime *rt, size_t limit) { rt->limit = limit; }
size_t dl_memory_used(dl_runtime *rt) { return rt->used; }
int dl_memory_exceeded(dl_runtime *rt) { return rt->exceeded; }
void dl_grace_enter(dl_runtime *rt) { rt->grace++; }
void dl_grace_leave(dl_runtime *rt) { if (rt->grace > 0) rt->grace--; }

void dl_set_host(dl_runtime *rt, void *host) { rt->host = host; }
void *dl_host(lua_State *L) { return dl_runtime_of(L)->host; }
void dl_set_writer(dl_runtime *rt, dl_write_fn write, void *context) {
    rt->write = write;
    rt->write_context = context;
}

// MARK: - Stopping

static void dl_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    dl_runtime *rt = dl_runtime_of(L);
    int reason = atomic_load(&rt->stop);
    if (reason == DL_STOP_NONE) {
        lua_sethook(L, NULL, 0, 0);
        return;
    }
    // The hook stays installed, so a script that catches this with pcall is stopped again at
    // its next instruction.
    luaL_error(L, reason == DL_STOP_TIMEOUT ? "time limit exceeded" : "interrupted");
}

void dl_request_stop(dl_runtime *rt, int reason) {
    int expected = DL_STOP_NONE;
    atomic_compare_exchange_strong(&rt->stop, &expected, reason);
    lua_sethook(rt->L, dl_hook, DL_HOOK_MASK, 1);
    lua_State *co = atomic_load(&rt->current);
    if (co != NULL) lua_sethook(co, dl_hook, DL_HOOK_MASK, 1);
}

int dl_stop_reason(dl_runtime *rt) { return atomic_load(&rt->stop); }

void dl_begin_run(dl_runtime *rt) {
    atomic_store(&rt->stop, DL_STOP_NONE);
    atomic_store(&rt->current, NULL);
    rt->exceeded = 0;
    rt->overshoot = 0;
    lua_State *L = rt->L;
    lua_pushnil(L);
    lua_setfield(L, LUA_REGISTRYINDEX, DL_ERRVAL);
}

void dl_end_run(dl_runtime *rt) {
    atomic_store(&rt->stop, DL_STOP_NONE);
    atomic_store(&rt->current, NULL);
    lua_sethook(rt->L, NULL, 0, 0);
}

static void *dl_watchdog_main(void *arg) {
    dl_runtime *rt = (dl_runtime *)arg;
    pthread_mutex_lock(&rt->mutex);
    while (!rt->watchdog_cancel) {
        int r = pthread_cond_timedwait(&rt->cond, &rt->mutex, &rt->deadline);
        if (r == ETIMEDOUT) {
            if (!rt->watchdog_cancel) dl_request_stop(rt, DL_STOP_TIMEOUT);
            break;
        }
    }
    pthread_mutex_unlock(&rt->mutex);
    return NULL;
}

int dl_watchdog_start(dl_runtime *rt, double seconds) {
    dl_watchdog_stop(rt);
    if (!(seconds > 0)) return 0;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double whole = (double)(long long)seconds;
    long long nanos = (long long)((seconds - whole) * 1e9) + now.tv_nsec;
    rt->deadline.tv_sec = now.tv_sec + (time_t)whole + (time_t)(nanos / 1000000000LL);
    rt->deadline.tv_nsec = (long)(nanos % 1000000000LL);
    rt->watchdog_cancel = 0;
    if (pthread_create(&rt->watchdog, NULL, dl_watchdog_main, rt) != 0) return -1;
    rt->watchdog_running = 1;
    return 0;
}

void dl_watchdog_stop(dl_runtime *rt) {
    if (!rt->watchdog_running) return;
    pthread_mutex_lock(&rt->mutex);
    rt->watchdog_cancel = 1;
    pthread_cond_signal(&rt->cond);
    pthread_mutex_unlock(&rt->mutex);
    pthread_join(rt->watchdog, NULL);
    rt->watchdog_running = 0;
}

static dl_runtime *_Atomic g_sigint_runtime = NULL;
static struct sigaction g_old_sigint;
static int g_sigint_installed = 0;

static void dl_sigint_handler(int sig) {
    (void)sig;
    dl_runtime *rt = atomic_load(&g_sigint_runtime);
    // A second Ctrl-C gets the previous behaviour (like lua.c), in case the script is stuck in C.
    sigaction(SIGINT, &g_old_sigint, NULL);
    if (rt != NULL) dl_request_stop(rt, DL_STOP_INTERRUPT);
}

void dl_sigint_install(dl_runtime *rt) {
    atomic_store(&g_sigint_runtime, rt);
    if (g_sigint_installed) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = dl_sigint_handler;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, &action, &g_old_sigint) == 0) g_sigint_installed = 1;
}

void dl_sigint_restore(void) {
    if (g_sigint_installed) {
        sigaction(SIGINT, &g_old_sigint, NULL);
        g_sigint_installed = 0;
    }
    atomic_store(&g_sigint_runtime, NULL);
}

// MARK: - Calling Swift

int dl_box_gc(lua_State *L) {
    void **slot = (void **)lua_touserdata(L, 1);
    if (slot != NULL && *slot != NULL) {
        void *box = *slot;
        *slot = NULL;
        dl_release_fn release = atomic_load(&g_release);
        if (release != NULL) release(box);
    }
    return 0;
}

static int dl_trampoline(lua_State *L) {
    dl_runtime *rt = dl_runtime_of(L);
    void **slot = (void **)lua_touserdata(L, lua_upvalueindex(1));
    dl_dispatch_fn dispatch = atomic_load(&g_dispatch);
    if (slot == NULL || *slot == NULL || dispatch == NULL)
        return luaL_error(L, "host function is no longer available");
    rt->grace++;
    int n = dispatch(L, *slot);
    rt->grace--;
    if (rt->overshoot && rt->grace == 0) {
        rt->overshoot = 0;
        lua_settop(L, 0);
        lua_pushliteral(L, "not enough memory");
        return lua_error(L);
    }
    if (n >= 0) return n;
    if (n == DL_RAISE_MESSAGE && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

void dl_push_function(lua_State *L, void *box) {
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 0);
    *slot = box;
    if (luaL_newmetatable(L, DL_FUNCTION_META)) {
        lua_pushcfunction(L, dl_box_gc);
        lua_setfield(L, -2, "__gc");
        lua_pushliteral(L, "host function");
        lua_setfield(L, -2, "__metatable");
    }
    lua_setmetatable(L, -2);
    lua_pushcclosure(L, dl_trampoline, 1);
}

int dl_push_object(lua_State *L, void *box, const char *tname) {
    if (luaL_getmetatable(L, tname) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 0;
    }
    void **slot = (void **)lua_newuserdatauv(L, sizeof(void *), 1);
    *slot = box;
    lua_rotate(L, -2, 1);
    lua_setmetatable(L, -2);
    return 1;
}

void *dl_to_object(lua_State *L, int index, const char *tname) {
    void **slot = (void **)luaL_testudata(L, index, tname);
    return slot == NULL ? NULL : *slot;
}

// MARK: - Protected calls and errors

static int dl_msgh(lua_State *L) {
    dl_runtime *rt = dl_runtime_of(L);
    rt->grace++;
    lua_getfield(L, LUA_REGISTRYINDEX, DL_ERRVAL);
    int same = !lua_isnil(L, -1) && lua_rawequal(L, -1, 1);
    lua_pop(L, 1);
    // An error re-raised by a Swift function after a Lua callback failed keeps the deeper traceback.
    if (!same) {
        int t = lua_type(L, 1);
        if (t == LUA_TSTRING || t == LUA_TNUMBER) {
            lua_pushvalue(L, 1);
            lua_tostring(L, -1);
        } else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) {
            // message produced by __tostring
        } else {
            lua_settop(L, 1);
            lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
        }
        lua_setfield(L, LUA_REGISTRYINDEX, DL_ERRMSG);
        luaL_traceback(L, L, NULL, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, DL_TRACEBACK);
        lua_pushvalue(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, DL_ERRVAL);
    }
    rt->grace--;
    lua_settop(L, 1);
    return 1;
}

int dl_pcall(lua_State *L, int nargs, int nresults) {
    dl_runtime *rt = dl_runtime_of(L);
    if (!lua_checkstack(L, 2)) return LUA_ERRMEM;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, dl_msgh);
    lua_insert(L, base);
    int saved = rt->grace;
    rt->grace = 0;
    int status = lua_pcall(L, nargs, nresults, base);
    rt->grace = saved;
    lua_remove(L, base);
    return status;
}

void dl_push_last_error(lua_State *L) {
    lua_getfield(L, LUA_REGISTRYINDEX, DL_ERRMSG);
    lua_getfield(L, LUA_REGISTRYINDEX, DL_TRACEBACK);
}

static int dl_tostring_impl(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

int dl_tostring(lua_State *L, int index) {
    index = lua_absindex(L, index);
    if (!lua_checkstack(L, 2)) return LUA_ERRMEM;
    lua_pushcfunction(L, dl_tostring_impl);
    lua_pushvalue(L, index);
    return lua_pcall(L, 1, 1, 0);
}

// MARK: - Libraries

static int dl_print(lua_State *L) {
    dl_runtime *rt = dl_runtime_of(L);
    int n = lua_gettop(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 1; i <= n; i++) {
        if (i > 1) luaL_addchar(&b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(&b);
    }
    luaL_addchar(&b, '\n');
    luaL_pushresult(&b);
    size_t length = 0;
    const char *text = lua_tolstring(L, -1, &length);
    if (rt->write != NULL) {
        rt->write(rt->write_context, text, length);
    } else {
        fwrite(text, 1, length, stdout);
        fflush(stdout);
    }
    return 0;
}

// coroutine.resume that tells the stop machinery which thread runs, so a time limit or Ctrl-C
// also stops a loop inside a coroutine (hooks are per thread).
static int dl_co_resume(lua_State *L) {
    dl_runtime *rt = dl_runtime_of(L);
    lua_State *co = lua_tothread(L, 1);
    lua_State *previous = NULL;
    if (co != NULL) {
        previous = atomic_exchange(&rt->current, co);
        if (atomic_load(&rt->stop) != DL_STOP_NONE) lua_sethook(co, dl_hook, DL_HOOK_MASK, 1);
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
    if (co != NULL) atomic_store(&rt->current, previous);
    if (atomic_load(&rt->stop) != DL_STOP_NONE) lua_sethook(L, dl_hook, DL_HOOK_MASK, 1);
    if (status != LUA_OK) return lua_error(L);
    return lua_gettop(L);
}

static int dl_open_libs_impl(lua_State *L) {
    luaL_openlibs(L);
    lua_pushglobaltable(L);
    lua_pushcfunction(L, dl_print);
    lua_setfield(L, -2, "print");
    lua_getfield(L, -1, "coroutine");
    lua_getfield(L, -1, "resume");
    lua_pushcclosure(L, dl_co_resume, 1);
    lua_setfield(L, -2, "resume");
    lua_pop(L, 2);
    // Create the registry keys now so the message handler never allocates them later.
    lua_pushliteral(L, "");
    lua_setfield(L, LUA_REGISTRYINDEX, DL_ERRMSG);
    lua_pushliteral(L, "");
    lua_setfield(L, LUA_REGISTRYINDEX, DL_TRACEBACK);
    return 0;
}

int dl_open_libs(lua_State *L) {
    lua_pushcfunction(L, dl_open_libs_impl);
    return lua_pcall(L, 0, 0, 0);
}
