/* SPDX-License-Identifier: MIT */
/* The GLib subset QEMU device files use: allocation, strings, assertions, hash table type. */
#ifndef CTS_QEMU_GLIB_H
#define CTS_QEMU_GLIB_H

#include <stddef.h>

typedef char gchar;
typedef int gint;
typedef unsigned int guint;
typedef int gboolean;
typedef void *gpointer;
typedef struct _GHashTable GHashTable;
typedef struct _GList GList;
typedef struct _GSList GSList;
typedef struct _GArray GArray;
typedef struct _GPtrArray GPtrArray;

void *g_malloc(size_t n);
void *g_malloc0(size_t n);
void *g_realloc(void *p, size_t n);
void g_free(void *p);
char *g_strdup(const char *s);
char *g_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define g_new(type, n) ((type *)g_malloc(sizeof(type) * (size_t)(n)))
#define g_new0(type, n) ((type *)g_malloc0(sizeof(type) * (size_t)(n)))
#define g_renew(type, p, n) ((type *)g_realloc((p), sizeof(type) * (size_t)(n)))
#define g_autofree __attribute__((cleanup(cts_g_autofree_cleanup)))
static inline void cts_g_autofree_cleanup(void *p) { g_free(*(void **)p); }

void cts_g_assert_failed(const char *file, int line, const char *expr) __attribute__((noreturn));
#define g_assert(e) ((e) ? (void)0 : cts_g_assert_failed(__FILE__, __LINE__, #e))
#define g_assert_not_reached() cts_g_assert_failed(__FILE__, __LINE__, "not reached")
#define assert(e) g_assert(e)

#define G_GNUC_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define G_GNUC_UNUSED __attribute__((unused))
#define G_N_ELEMENTS(a) (sizeof(a) / sizeof((a)[0]))
#define GPOINTER_TO_UINT(p) ((unsigned int)(uintptr_t)(p))
#define GUINT_TO_POINTER(u) ((void *)(uintptr_t)(u))

#endif
