/* SPDX-License-Identifier: MIT */
/* iommufd_backend_* and the vEVENTQ read of smmuv3-accel.c, served by the emulated host
 * (cmdqv_cts/qemu_cmdqv_host.h). Errors become QEMU Errors with the kernel's errno, as the
 * real backend reports a failed ioctl. */
#include <linux/iommufd.h>

#include "qemu/osdep.h"
#include "smmuv3-accel.h"
#include "standin_runtime.h"
#include "system/iommufd.h"

static bool ok_or_error(int rc, const char* ioctl_name, Error** errp) {
  if (rc == 0) return true;
  error_setg(errp, "%s failed: %s", ioctl_name, strerror(-rc));
  return false;
}

void iommufd_backend_free_id(IOMMUFDBackend* be, uint32_t id) {
  cts_standin* st = cts_standin_state();
  (void)be;
  int rc = st->ops->free_id(st->host, id);
  if (rc) {
    char msg[96];
    snprintf(msg, sizeof msg, "IOMMU_DESTROY id=%u failed: %s", id, strerror(-rc));
    error_report("%s", msg);
  }
}

bool iommufd_backend_get_device_info(IOMMUFDBackend* be, uint32_t devid, uint32_t* type, void* data,
                                     uint32_t len, uint64_t* caps, uint8_t* max_pasid_log2,
                                     Error** errp) {
  cts_standin* st = cts_standin_state();
  (void)be, (void)devid;
  struct iommu_hw_info_tegra241_cmdqv info;
  memset(&info, 0, sizeof info);
  uint32_t version = 0;
  int rc = st->ops->hw_info(st->host, &version, &info.log2vcmdqs, &info.log2vsids);
  if (!ok_or_error(rc, "IOMMU_GET_HW_INFO", errp)) return false;
  info.version = version;
  *type = IOMMU_HW_INFO_TYPE_TEGRA241_CMDQV;
  memset(data, 0, len);
  memcpy(data, &info, MIN(len, (uint32_t)sizeof info));
  if (caps) *caps = 0;
  if (max_pasid_log2) *max_pasid_log2 = 0;
  return true;
}

bool iommufd_backend_alloc_viommu(IOMMUFDBackend* be, uint32_t dev_id, uint32_t viommu_type,
                                  uint32_t hwpt_id, void* data_ptr, uint32_t data_len,
                                  uint32_t* out_viommu_id, Error** errp) {
  cts_standin* st = cts_standin_state();
  (void)be, (void)dev_id, (void)hwpt_id;
  if (viommu_type != IOMMU_VIOMMU_TYPE_TEGRA241_CMDQV) {
    return ok_or_error(-EOPNOTSUPP, "IOMMU_VIOMMU_ALLOC", errp);
  }
  struct iommu_viommu_tegra241_cmdqv out;
  if (!data_ptr || data_len < sizeof out) return ok_or_error(-EINVAL, "IOMMU_VIOMMU_ALLOC", errp);
  uint64_t offset = 0;
  int rc = st->ops->alloc_viommu(st->host, out_viommu_id, &offset);
  if (!ok_or_error(rc, "IOMMU_VIOMMU_ALLOC", errp)) return false;
  memcpy(&out, data_ptr, sizeof out);
  out.out_vintf_mmap_offset = offset;
  out.out_vintf_mmap_length = 0x10000;
  memcpy(data_ptr, &out, sizeof out);
  return true;
}

bool iommufd_backend_viommu_mmap(IOMMUFDBackend* be, uint32_t viommu_id, uint64_t size,
                                 uint64_t offset, void** out_ptr, Error** errp) {
  cts_standin* st = cts_standin_state();
  (void)be, (void)viommu_id, (void)offset;
  if (size != 0x10000) return ok_or_error(-EINVAL, "mmap of the VINTF page0", errp);
  /* An ordinary page QEMU reads and writes through pointers; the backend synchronises it with
   * the host device around each call into QEMU's code (see cmdqv_plugin.c). */
  void* p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return ok_or_error(-errno, "mmap of the VINTF page0", errp);
  st->page0 = p;
  st->page0_len = size;
  *out_ptr = p;
  return true;
}

bool iommufd_backend_alloc_veventq(IOMMUFDBackend* be, uint32_t viommu_id, uint32_t type,
                                   uint32_t depth, uint32_t* out_veventq_id,
                                   uint32_t* out_veventq_fd, Error** errp) {
  cts_standin* st = cts_standin_state();
  (void)be, (void)depth;
  int rc = st->ops->alloc_veventq(st->host, viommu_id, type, out_veventq_id);
  if (!ok_or_error(rc, "IOMMU_VEVENTQ_ALLOC", errp)) return false;
  int fds[2];
  if (pipe(fds) != 0) return ok_or_error(-errno, "IOMMU_VEVENTQ_ALLOC", errp);
  close(fds[1]); /* QEMU only polls and reads the fd; events come from the host bridge */
  *out_veventq_fd = (uint32_t)fds[0];
  return true;
}

bool iommufd_backend_alloc_hw_queue(IOMMUFDBackend* be, uint32_t viommu_id, uint32_t queue_type,
                                    uint32_t index, uint64_t addr, uint64_t length,
                                    uint32_t* out_hw_queue_id, Error** errp) {
  cts_standin* st = cts_standin_state();
  (void)be;
  int rc = st->ops->alloc_hw_queue(st->host, viommu_id, queue_type, index, addr, length,
                                   out_hw_queue_id);
  return ok_or_error(rc, "IOMMU_HW_QUEUE_ALLOC", errp);
}

/* The series' versions declare the vEVENT reader as bool (true = one event read) or as int
 * (0 = read, > 0 = nothing to read, < 0 = error): answer in the tree's own convention. */
#define CTS_VALIDATE_RET __typeof__(smmuv3_accel_event_read_validate(NULL, 0, NULL, 0, NULL))
static CTS_VALIDATE_RET validate_result(int rc) {
  if (__builtin_types_compatible_p(CTS_VALIDATE_RET, bool)) return rc == 0;
  return (CTS_VALIDATE_RET)rc;
}

/* smmuv3-accel.c's reader of one vEVENT: header, then the type's payload. */
CTS_VALIDATE_RET smmuv3_accel_event_read_validate(IOMMUFDVeventq *veventq, uint32_t type,
                                                  void *buf, size_t size, Error **errp) {
  cts_standin *st = cts_standin_state();
  (void)veventq;
  struct iommufd_vevent_header hdr;
  struct iommu_vevent_tegra241_cmdqv ev;
  if (type != IOMMU_VEVENTQ_TYPE_TEGRA241_CMDQV || size != sizeof hdr + sizeof ev) {
    error_setg(errp, "vEVENTQ: unexpected read of type %u, %zu bytes", type, size);
    return validate_result(-EINVAL);
  }
  if (!cts_standin_vevent_pending()) {
    if (__builtin_types_compatible_p(CTS_VALIDATE_RET, bool)) {
      error_setg(errp, "vEVENTQ: read failed: %s", strerror(EAGAIN));
    }
    return validate_result(EAGAIN); /* the int convention: nothing to read, no error */
  }
  const uint64_t map[2] = {st->peeked[0], st->peeked[1]};
  st->vevent_peeked = false;
  memset(&hdr, 0, sizeof hdr);
  hdr.sequence = st->vevent_sequence++;
  ev.lvcmdq_err_map[0] = map[0]; /* little-endian host: le64 as is */
  ev.lvcmdq_err_map[1] = map[1];
  memcpy(buf, &hdr, sizeof hdr);
  memcpy((char *)buf + sizeof hdr, &ev, sizeof ev);
  return validate_result(0);
}

bool cts_standin_vevent_pending(void) {
  cts_standin* st = cts_standin_state();
  if (!st->vevent_peeked && st->ops && st->host) {
    st->vevent_peeked = st->ops->next_vevent(st->host, st->peeked) != 0;
  }
  return st->vevent_peeked;
}

void cts_standin_poll_fds(void) {
  cts_standin* st = cts_standin_state();
  for (size_t i = 0; i < ARRAY_SIZE(st->fd_handlers); i++) {
    if (st->fd_handlers[i].read) st->fd_handlers[i].read(st->fd_handlers[i].opaque);
  }
}
