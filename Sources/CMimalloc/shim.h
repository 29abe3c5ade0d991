// Debian's mimalloc (libmimalloc-dev). Linked into the `dateline` executable, it replaces the C
// library's malloc for the whole process; see ARCHITECTURE.md ("Memory allocator").
#include <mimalloc.h>
