/* Test-only shim for Wine 8, whose bcryptprimitives.dll lacks ProcessPrng, which Go 1.24+
 * programs call for random bytes. It forwards to advapi32's SystemFunction036
 * (RtlGenRandom). Never shipped: scripts/dist-check.sh puts it in a throw-away prefix. */
#include <windows.h>

typedef BOOLEAN(WINAPI *rtl_gen_random)(PVOID, ULONG);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
  static rtl_gen_random gen;
  if (!gen) {
    gen = (rtl_gen_random)GetProcAddress(LoadLibraryA("advapi32.dll"), "SystemFunction036");
    if (!gen) return FALSE;
  }
  while (len > 0) {
    ULONG chunk = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
    if (!gen(data, chunk)) return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
