/* SPDX-License-Identifier: MIT */
/* zoo:conforming-alt: options, the ABI entry points and the 4/8-byte access split. */
#include "alt_device.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned alt_vintfs(const alt_dev* d) {
  return 1u << d->vintfs_log2;
}
unsigned alt_vcmdqs(const alt_dev* d) {
  return 1u << d->vcmdqs_log2;
}
unsigned alt_lvcmdqs_per_vintf(const alt_dev* d) {
  return alt_vcmdqs(d) / alt_vintfs(d);
}

static int parse_number(const char* text, size_t len, unsigned long* out) {
  char buf[32];
  char* end = NULL;
  if (len == 0 || len >= sizeof buf) return -1;
  memcpy(buf, text, len);
  buf[len] = '\0';
  *out = strtoul(buf, &end, 0);
  return *end == '\0' ? 0 : -1;
}

/* One "key=value" option; 0 on success, else a reason in err. */
static int apply_option(alt_dev* d, const char* key, size_t klen, const char* val, size_t vlen,
                        char* err, size_t errlen) {
  struct {
    const char* name;
    unsigned* u;
    int* b;
    unsigned long max;
  } const table[] = {
      {"vintfs_log2", &d->vintfs_log2, NULL, 6},
      {"vcmdqs_log2", &d->vcmdqs_log2, NULL, 7},
      {"sids_log2", &d->sids_log2, NULL, 4},
      {"cmdqs", &d->cmdqs, NULL, 19},
      {"stall_model", &d->stall_model, NULL, 3},
      {"s1p", NULL, &d->s1p, 1},
      {"s2p", NULL, &d->s2p, 1},
      {"hyp", NULL, &d->hyp, 1},
      {"ats", NULL, &d->ats, 1},
      {"pri", NULL, &d->pri, 1},
      {"msi", NULL, &d->msi, 1},
      {"sev", NULL, &d->sev, 1},
      {"mpam", NULL, &d->mpam, 1},
      {"dpt", NULL, &d->dpt, 1},
  };
  size_t i;
  unsigned long v = 0;
  if (klen == 7 && memcmp(key, "profile", 7) == 0) {
    if (vlen == 6 && memcmp(val, "smmuv3", 6) == 0) {
      d->cmdqv = 0;
    } else if (vlen == 10 && memcmp(val, "cmdqv-host", 10) == 0) {
      d->cmdqv = 1;
    } else if (vlen == 11 && memcmp(val, "cmdqv-guest", 11) == 0) {
      d->cmdqv = 1;
      d->guest = 1;
      d->vintfs_log2 = 0; /* what a VM sees (PARAM 0x4011) */
      d->vcmdqs_log2 = 1;
    } else {
      snprintf(err, errlen, "option 'profile': unsupported profile '%.*s'", (int)vlen, val);
      return -1;
    }
    return 0;
  }
  for (i = 0; i < sizeof table / sizeof table[0]; ++i) {
    if (strlen(table[i].name) != klen || memcmp(table[i].name, key, klen) != 0) continue;
    if (parse_number(val, vlen, &v) != 0) {
      snprintf(err, errlen, "option '%s': '%.*s' is not a number", table[i].name, (int)vlen, val);
      return -1;
    }
    if (v > table[i].max) {
      snprintf(err, errlen, "option '%s': %lu is above %lu", table[i].name, v, table[i].max);
      return -1;
    }
    if (table[i].u) *table[i].u = (unsigned)v;
    if (table[i].b) *table[i].b = v != 0;
    return 0;
  }
  snprintf(err, errlen, "unknown option '%.*s'", (int)klen, key);
  return -1;
}

static void* alt_create(const cts_host* host, const char* options, char* err, size_t errlen) {
  alt_dev* d = calloc(1, sizeof *d);
  const char* p = options ? options : "";
  if (!d) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  d->host = *host;
  d->cmdqv = 1;
  d->vintfs_log2 = 2;
  d->vcmdqs_log2 = 3;
  d->sids_log2 = 4;
  d->cmdqs = 19;
  d->stall_model = 1;
  d->s1p = 1;
  while (*p) {
    const char* comma = strchr(p, ',');
    const char* end = comma ? comma : p + strlen(p);
    const char* eq = memchr(p, '=', (size_t)(end - p));
    if (end != p) {
      if (!eq) {
        snprintf(err, errlen, "option '%.*s': expected key=value", (int)(end - p), p);
        free(d);
        return NULL;
      }
      if (apply_option(d, p, (size_t)(eq - p), eq + 1, (size_t)(end - eq - 1), err, errlen) != 0) {
        free(d);
        return NULL;
      }
    }
    p = comma ? comma + 1 : end;
  }
  if (d->vcmdqs_log2 < d->vintfs_log2) {
    snprintf(err, errlen, "option 'vcmdqs_log2': must be >= vintfs_log2");
    free(d);
    return NULL;
  }
  return d;
}

static void alt_destroy(void* dev) {
  free(dev);
}

/* Every access is split into 32-bit register accesses, low word first. */
static int alt_read(void* dev, cts_region r, uint64_t off, uint32_t size, uint64_t* val) {
  alt_dev* d = dev;
  uint64_t v = 0;
  uint32_t i;
  if ((size != 4 && size != 8) || (off & 3) != 0) return -1;
  if (r == CTS_REGION_CMDQV && !d->cmdqv) return -1;
  if (r != CTS_REGION_SMMU && r != CTS_REGION_CMDQV) return -1;
  for (i = 0; i < size / 4; ++i) {
    const uint64_t o = off + 4u * i;
    const uint32_t w = r == CTS_REGION_SMMU ? alt_smmu_read32(d, o) : alt_cmdqv_read32(d, o);
    v |= (uint64_t)w << (32 * i);
  }
  *val = v;
  return 0;
}

static int alt_write(void* dev, cts_region r, uint64_t off, uint32_t size, uint64_t val) {
  alt_dev* d = dev;
  uint32_t i;
  if ((size != 4 && size != 8) || (off & 3) != 0) return -1;
  if (r == CTS_REGION_CMDQV && !d->cmdqv) return -1;
  if (r != CTS_REGION_SMMU && r != CTS_REGION_CMDQV) return -1;
  for (i = 0; i < size / 4; ++i) {
    const uint64_t o = off + 4u * i;
    const uint32_t w = (uint32_t)(val >> (32 * i));
    if (r == CTS_REGION_SMMU) {
      alt_smmu_write32(d, o, w);
    } else {
      alt_cmdqv_write32(d, o, w);
    }
  }
  return 0;
}

static void alt_run_entry(void* dev) {
  alt_run(dev);
}

static const cts_device_ops kOps = {
    CTS_DEVICE_ABI_VERSION,
    "conforming-alt",
    "smmuv3,cmdqv-host,cmdqv-guest",
    alt_create,
    alt_destroy,
    alt_read,
    alt_write,
    alt_run_entry,
};

__attribute__((visibility("default"))) const cts_device_ops* cts_device(void) {
  return &kOps;
}
