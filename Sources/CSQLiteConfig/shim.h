// Process-wide SQLite settings (Debian libsqlite3-dev). `sqlite3_config` is variadic, which Swift
// cannot call, so it is wrapped here; see `CorpusStore.configureProcess()`.
#include <sqlite3.h>

// Turns off SQLite's memory statistics (`sqlite3_status`), which Dateline never reads: with them on,
// every SQLite allocation and free takes a global mutex. Must run before SQLite is initialized (the
// first database opened); afterwards it does nothing and returns SQLITE_MISUSE.
static inline int dateline_sqlite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
