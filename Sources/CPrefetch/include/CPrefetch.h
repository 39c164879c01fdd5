#ifndef WARDEN_CPREFETCH_H
#define WARDEN_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` for reading, without waiting for
/// it (Swift has no prefetch of its own). A hint only: no fault, no effect on any value, so
/// nothing that is emitted or hashed can depend on it. Inlined into Swift callers.
static inline __attribute__((always_inline)) void warden_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
