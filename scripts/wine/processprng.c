/*
 * A stand-in bcryptprimitives.dll for Wine 8 (Debian 12), which lacks the DLL:
 * Rust's standard library (1.78 and later) takes its random numbers from
 * bcryptprimitives!ProcessPrng, and a Rust program fails to start without it
 * (silently, exit code 53). Only for running the Windows build under Wine in
 * tests (scripts/wine/prefix.sh); never shipped.
 *
 * ProcessPrng fills the buffer from the system's generator and, as documented by
 * Microsoft, always returns TRUE. RtlGenRandom (advapi32!SystemFunction036), which
 * every Wine has, does the work.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
