// Debian's mimalloc (libmimalloc-dev). Linked into the `dateline` executable, it replaces the C
// library's malloc for the whole process; see ARCHITECTURE.md ("Memory allocator").
#include <mimalloc.h>

// Freed pages stay with the allocator instead of going back to the system (see
// `Dateline.keepFreedMemory`). mimalloc 2.1 replaced the decommit options with a purge delay.
static inline void dateline_keep_freed_memory(void) {
#if MI_MALLOC_VERSION >= 210
    mi_option_set(mi_option_purge_delay, -1);
#else
    mi_option_disable(mi_option_allow_decommit);
#endif
}
