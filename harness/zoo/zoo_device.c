/* SPDX-License-Identifier: MIT */
/*
 * The zoo device: plugin entry point (cts_device), option parsing, create/destroy and reset.
 * Register accesses live in zoo_regs.c, queue consumption in zoo_queue.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zoo_internal.h"

#if defined(__GNUC__)
#define ZOO_EXPORT __attribute__((visibility("default")))
#else
#define ZOO_EXPORT
#endif

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  if (err == NULL || errlen == 0) {
    return;
  }
  va_start(ap, fmt);
  (void)vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
}

/* Decimal or 0x-prefixed hex, no sign, no trailing characters, at most 32 bits. */
static int parse_number(const char *s, size_t len, uint32_t *out) {
  uint64_t v = 0;
  size_t i = 0;
  unsigned base = 10;
  if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    base = 16;
    i = 2;
  }
  if (i == len) {
    return -1;
  }
  for (; i < len; ++i) {
    const char c = s[i];
    unsigned digit;
    if (c >= '0' && c <= '9') {
      digit = (unsigned)(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = (unsigned)(c - 'a') + 10u;
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = (unsigned)(c - 'A') + 10u;
    } else {
      return -1;
    }
    v = v * base + digit;
    if (v > 0xFFFFFFFFull) {
      return -1;
    }
  }
  *out = (uint32_t)v;
  return 0;
}

typedef struct zoo_key {
  const char *name;
  size_t field; /* offsetof(zoo_config, ...) */
  uint32_t max;
} zoo_key;

static const zoo_key zoo_keys[] = {
    {"vintfs_log2", offsetof(zoo_config, vintfs_log2), 6},
    {"vcmdqs_log2", offsetof(zoo_config, vcmdqs_log2), 7},
    {"sids_log2", offsetof(zoo_config, sids_log2), 4},
    {"cmdqs", offsetof(zoo_config, cmdqs), 19},
    {"s1p", offsetof(zoo_config, s1p), 1},
    {"s2p", offsetof(zoo_config, s2p), 1},
    {"hyp", offsetof(zoo_config, hyp), 1},
    {"ats", offsetof(zoo_config, ats), 1},
    {"pri", offsetof(zoo_config, pri), 1},
    {"msi", offsetof(zoo_config, msi), 1},
    {"sev", offsetof(zoo_config, sev), 1},
    {"mpam", offsetof(zoo_config, mpam), 1},
    {"dpt", offsetof(zoo_config, dpt), 1},
    {"stall_model", offsetof(zoo_config, stall_model), 3}, /* IDR0.STALL_MODEL is 2 bits */
    {"ril", offsetof(zoo_config, ril), 1},                 /* IDR3.RIL: range invalidation */
};

static int key_is(const char *s, size_t len, const char *name) {
  return strlen(name) == len && memcmp(s, name, len) == 0;
}

int zoo_parse_options(const char *options, zoo_config *cfg, char *err, size_t errlen) {
  const char *p = options != NULL ? options : "";
  int first = 1;
  int have_profile = 0;
  memset(cfg, 0, sizeof *cfg);
  cfg->sids_log2 = 4;
  cfg->cmdqs = 19;
  cfg->s1p = 1;
  cfg->stall_model = 1;
  /* The range-invalidation deviant needs range invalidation to show it. */
  cfg->ril = ZOO_DEVIATES(ZOO_DEV_RANGE_RESERVED_EXECUTED) ? 1u : 0u;

  while (*p != '\0') {
    const char *end = strchr(p, ',');
    const size_t tok_len = end != NULL ? (size_t)(end - p) : strlen(p);
    const char *eq = memchr(p, '=', tok_len);
    char key[32];
    size_t key_len;
    size_t val_len;
    const char *val;
    if (tok_len == 0) { /* tolerate empty items ("a=1,,b=2", trailing comma) */
      p = end != NULL ? end + 1 : p + tok_len;
      continue;
    }
    key_len = eq != NULL ? (size_t)(eq - p) : tok_len;
    (void)snprintf(key, sizeof key, "%.*s", (int)(key_len < sizeof key ? key_len : sizeof key - 1), p);
    if (eq == NULL) {
      set_err(err, errlen, "option '%s': expected key=value", key);
      return -1;
    }
    val = eq + 1;
    val_len = tok_len - key_len - 1;

    if (key_is(p, key_len, "profile")) {
      if (!first) {
        set_err(err, errlen, "option '%s': must come first", key);
        return -1;
      }
      if (key_is(val, val_len, "smmuv3")) {
        cfg->profile = ZOO_PROFILE_SMMUV3;
      } else if (key_is(val, val_len, "cmdqv-host")) {
        cfg->profile = ZOO_PROFILE_HOST;
      } else if (key_is(val, val_len, "cmdqv-guest")) {
        cfg->profile = ZOO_PROFILE_GUEST;
      } else {
        char prof[32];
        (void)snprintf(prof, sizeof prof, "%.*s", (int)(val_len < sizeof prof ? val_len : sizeof prof - 1),
                       val);
        set_err(err, errlen, "option 'profile': unknown profile '%s'", prof);
        return -1;
      }
      have_profile = 1;
      /* Profile geometry defaults; later keys override them. */
      cfg->vintfs_log2 = cfg->profile == ZOO_PROFILE_GUEST ? 0u : 2u;
      cfg->vcmdqs_log2 = cfg->profile == ZOO_PROFILE_GUEST ? 1u : 3u;
    } else {
      size_t k;
      const zoo_key *found = NULL;
      uint32_t n;
      if (first) {
        set_err(err, errlen, "option 'profile': missing (it must come first, before '%s')", key);
        return -1;
      }
      for (k = 0; k < sizeof zoo_keys / sizeof zoo_keys[0]; ++k) {
        if (key_is(p, key_len, zoo_keys[k].name)) {
          found = &zoo_keys[k];
        }
      }
      if (found == NULL) {
        set_err(err, errlen, "unknown option '%s'", key);
        return -1;
      }
      if (parse_number(val, val_len, &n) != 0) {
        set_err(err, errlen, "option '%s': expected a number", key);
        return -1;
      }
      if (n > found->max) {
        set_err(err, errlen, "option '%s': at most %lu", key, (unsigned long)found->max);
        return -1;
      }
      memcpy((char *)cfg + found->field, &n, sizeof n);
    }
    first = 0;
    p = end != NULL ? end + 1 : p + tok_len;
  }
  if (!have_profile) {
    set_err(err, errlen, "option 'profile': missing (profile=smmuv3|cmdqv-host|cmdqv-guest)");
    return -1;
  }
  if (cfg->vcmdqs_log2 < cfg->vintfs_log2) {
    set_err(err, errlen, "option 'vcmdqs_log2': must be at least vintfs_log2 (%lu)",
            (unsigned long)cfg->vintfs_log2);
    return -1;
  }
  return 0;
}

/* Every register to its reset value (all 0 but the ID registers); keeps host and options. */
void zoo_reset(zoo_dev *d) {
  const cts_host host = d->host;
  const zoo_config cfg = d->cfg;
  const zoo_config *c = &cfg;
  memset(d, 0, sizeof *d);
  d->host = host;
  d->cfg = cfg;
  d->vintfs = 1u << c->vintfs_log2;
  d->vcmdqs = 1u << c->vcmdqs_log2;
  d->per_vintf = d->vcmdqs / d->vintfs;
  d->sids = 1u << c->sids_log2;

  d->idr0 = c->s2p | c->s1p << 1 | 2u << 2 | 1u << 4 | c->hyp << 9 | c->ats << 10 | 1u << 12 |
            c->msi << 13 | c->sev << 14 | c->pri << 16 | c->stall_model << 24 | 1u << 26 | 1u << 27;
  d->idr1 = 16u | 19u << 16 | c->cmdqs << 21;
  d->idr3 = c->mpam << 7 | c->ril << 10 | c->dpt << 15;
}

static void *zoo_create(const cts_host *host, const char *options, char *err, size_t errlen) {
  zoo_dev *d;
  zoo_config cfg;
  if (host == NULL) {
    set_err(err, errlen, "%s: no host callbacks", "create");
    return NULL;
  }
  if (zoo_parse_options(options, &cfg, err, errlen) != 0) {
    return NULL;
  }
  d = calloc(1, sizeof *d);
  if (d == NULL) {
    set_err(err, errlen, "%s: out of memory", "create");
    return NULL;
  }
  d->host = *host;
  d->cfg = cfg;
  zoo_reset(d);
  return d;
}

static void zoo_destroy(void *dev) { free(dev); }

static int zoo_ops_read(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t *val) {
  return zoo_read((zoo_dev *)dev, r, off, size, val);
}

static int zoo_ops_write(void *dev, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  return zoo_write((zoo_dev *)dev, r, off, size, val);
}

static void zoo_ops_run(void *dev) { zoo_run((zoo_dev *)dev); }

#if CTS_ZOO_DEVIATION == ZOO_DEV_NONE
#define ZOO_NAME "zoo conforming"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_HYP_OWN_NOT_MASKED
#define ZOO_NAME "zoo hyp-own-not-masked (violates HYP-1)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_ALIAS_NOT_MAPPED
#define ZOO_NAME "zoo alias-not-mapped (violates ALIAS-1)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_WRAP_LOG2SIZE_0
#define ZOO_NAME "zoo wrap-log2size-0 (violates Q-3)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_GERRORN_NO_RESUME
#define ZOO_NAME "zoo gerrorn-no-resume (violates ERR-3)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_ILL_ADVANCES_CONS
#define ZOO_NAME "zoo ill-advances-cons (violates ERR-1)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_ENABLED_WITHOUT_EN
#define ZOO_NAME "zoo enabled-without-en (violates EN-3)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_GUEST_ACCEPTS_CFGI
#define ZOO_NAME "zoo guest-accepts-cfgi (violates CMD-7)"
#elif CTS_ZOO_DEVIATION == ZOO_DEV_RANGE_RESERVED_EXECUTED
#define ZOO_NAME "zoo range-reserved-executed (violates CMD-11)"
#else
#error "unknown CTS_ZOO_DEVIATION"
#endif

static const cts_device_ops zoo_ops = {
    CTS_DEVICE_ABI_VERSION,
    ZOO_NAME,
    "smmuv3,cmdqv-host,cmdqv-guest",
    zoo_create,
    zoo_destroy,
    zoo_ops_read,
    zoo_ops_write,
    zoo_ops_run,
};

ZOO_EXPORT const cts_device_ops *cts_device(void) { return &zoo_ops; }
