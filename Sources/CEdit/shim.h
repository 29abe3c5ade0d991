// CEdit: the system libedit (pkg-config libedit; Debian libedit-dev), native <histedit.h> API.
//
// el_set/el_get/history are C variadic functions, which Swift cannot call: the static inline
// wrappers below give each operation the REPL uses a fixed signature.
#ifndef DATELINE_CEDIT_SHIM_H
#define DATELINE_CEDIT_SHIM_H

#include <stdio.h>
#include <histedit.h>

typedef char *(*dl_el_prompt_fn)(EditLine *);
typedef unsigned char (*dl_el_command_fn)(EditLine *, int);

/// Stores an opaque pointer (the Swift line editor) in the EditLine.
static inline int dl_el_set_client(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

/// The pointer stored with `dl_el_set_client`.
static inline void *dl_el_client(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}

/// The prompt function; characters between two `ignore` characters are not counted (colour codes).
static inline int dl_el_set_prompt(EditLine *el, dl_el_prompt_fn prompt, char ignore) {
    return el_set(el, EL_PROMPT_ESC, prompt, ignore);
}

/// "emacs" or "vi" key bindings.
static inline int dl_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }

/// Whether libedit installs its own signal handlers (we keep them off and handle Ctrl-C as a key).
static inline int dl_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }

/// Adds a named editor command implemented by `fn`.
static inline int dl_el_add_function(EditLine *el, const char *name, const char *help, dl_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

/// Binds a key sequence (e.g. "^I", "^R") to an editor command.
static inline int dl_el_bind(EditLine *el, const char *key, const char *command) {
    return el_set(el, EL_BIND, key, command, (const char *)NULL);
}

/// Changes one terminal mode flag while editing (e.g. "-isig": Ctrl-C arrives as a key).
static inline int dl_el_setty(EditLine *el, const char *flag) {
    return el_set(el, EL_SETTY, "-d", flag, (const char *)NULL);
}

/// Connects a history list (Up/Down, Ctrl-R) to the editor.
static inline int dl_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

/// history(3) operations with fixed signatures. Each returns -1 on failure.
static inline int dl_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}

static inline int dl_history_set_unique(History *h, int unique) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, unique);
}

static inline int dl_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}

static inline int dl_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}

static inline int dl_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}

static inline int dl_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) == -1) return -1;
    return ev.num;
}

/// The entries from oldest to newest: calls `visit(context, text)` for each.
static inline void dl_history_each(History *h, void *context, void (*visit)(void *, const char *)) {
    HistEvent ev;
    if (history(h, &ev, H_LAST) == -1) return;
    do { visit(context, ev.str); } while (history(h, &ev, H_PREV) != -1);
}

#endif
