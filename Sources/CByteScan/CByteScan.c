#include "CByteScan.h"

#include <string.h>

// One search, specialised per set so that the sets are constants: five member bytes (unused ones
// repeat the first) and a bound (every byte below it is a member; 0 for none).
#define MEMBER(byte, a, b, c, d, e, below) \
    ((byte) == (a) || (byte) == (b) || (byte) == (c) || (byte) == (d) || (byte) == (e) || ((below) && (byte) < (below)))

// A control character's first byte as `anslag_first_control_candidate` finds them.
static inline int control_candidate(uint8_t byte) {
    return (byte < 0x20 && byte != 0x09 && byte != 0x0A) || byte == 0x7F || byte == 0xC2 || byte == 0xEF;
}

#if defined(__SSE2__) && !defined(ANSLAG_SCALAR_SCAN)
#include <emmintrin.h>

size_t anslag_first_control_candidate(const uint8_t *bytes, size_t count, size_t start) {
    if (start >= count) return start;
    size_t index = start;
    const __m128i limit = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09), feed = _mm_set1_epi8(0x0A);
    const __m128i del = _mm_set1_epi8(0x7F), c2 = _mm_set1_epi8((char)0xC2), ef = _mm_set1_epi8((char)0xEF);
    while (count - index >= 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(block, limit), block);
        low = _mm_andnot_si128(_mm_or_si128(_mm_cmpeq_epi8(block, tab), _mm_cmpeq_epi8(block, feed)), low);
        __m128i found = _mm_or_si128(low, _mm_or_si128(_mm_cmpeq_epi8(block, del),
                                                        _mm_or_si128(_mm_cmpeq_epi8(block, c2), _mm_cmpeq_epi8(block, ef))));
        unsigned mask = (unsigned)_mm_movemask_epi8(found);
        if (mask) return index + (size_t)__builtin_ctz(mask);
        index += 16;
    }
    for (; index < count; index++) {
        if (control_candidate(bytes[index])) return index;
    }
    return count;
}

// A bit per byte of `block` that is in the set.
static inline __attribute__((always_inline)) unsigned hits(__m128i block, uint8_t a, uint8_t b, uint8_t c,
                                                            uint8_t d, uint8_t e, uint8_t below) {
    __m128i found = _mm_cmpeq_epi8(block, _mm_set1_epi8((char)a));
    if (b != a) found = _mm_or_si128(found, _mm_cmpeq_epi8(block, _mm_set1_epi8((char)b)));
    if (c != a) found = _mm_or_si128(found, _mm_cmpeq_epi8(block, _mm_set1_epi8((char)c)));
    if (d != a) found = _mm_or_si128(found, _mm_cmpeq_epi8(block, _mm_set1_epi8((char)d)));
    if (e != a) found = _mm_or_si128(found, _mm_cmpeq_epi8(block, _mm_set1_epi8((char)e)));
    // Unsigned x < below exactly when min(x, below - 1) == x.
    if (below) {
        __m128i limit = _mm_set1_epi8((char)(uint8_t)(below - 1));
        found = _mm_or_si128(found, _mm_cmpeq_epi8(_mm_min_epu8(block, limit), block));
    }
    return (unsigned)_mm_movemask_epi8(found);
}

static inline __attribute__((always_inline)) size_t first(const uint8_t *bytes, size_t count, size_t start,
                                                           uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e,
                                                           uint8_t below) {
    if (start >= count) return start;
    size_t index = start;
    while (count - index >= 16) {
        unsigned mask = hits(_mm_loadu_si128((const __m128i *)(bytes + index)), a, b, c, d, e, below);
        if (mask) return index + (size_t)__builtin_ctz(mask);
        index += 16;
    }
    if (index == count) return count;
    if (count >= 16) {
        // The last sixteen bytes, overlapping those already searched, which are shifted out.
        size_t base = count - 16;
        unsigned mask = hits(_mm_loadu_si128((const __m128i *)(bytes + base)), a, b, c, d, e, below) >> (index - base);
        return mask ? index + (size_t)__builtin_ctz(mask) : count;
    }
    if (count - index >= 8) {
        // Eight to fifteen bytes: the first eight and the last eight (which may overlap them).
        uint64_t low, high;
        memcpy(&low, bytes + index, 8);
        memcpy(&high, bytes + count - 8, 8);
        unsigned mask = hits(_mm_set_epi64x((long long)high, (long long)low), a, b, c, d, e, below);
        if (mask & 0xFF) return index + (size_t)__builtin_ctz(mask & 0xFF);
        return mask ? count - 8 + (size_t)__builtin_ctz(mask >> 8) : count;
    }
    for (; index < count; index++) {
        if (MEMBER(bytes[index], a, b, c, d, e, below)) return index;
    }
    return count;
}

#else

size_t anslag_first_control_candidate(const uint8_t *bytes, size_t count, size_t start) {
    if (start >= count) return start;
    for (size_t index = start; index < count; index++) {
        if (control_candidate(bytes[index])) return index;
    }
    return count;
}

// Elsewhere (or with ANSLAG_SCALAR_SCAN): eight bytes per step. A byte of x is zero exactly when
// (x - 0x01...) & ~x & 0x80... has its high bit, so x ^ (m * 0x01...) finds the bytes equal to m.
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
static inline uint64_t zeros(uint64_t x) { return (x - ONES) & ~x & HIGHS; }

static inline size_t first(const uint8_t *bytes, size_t count, size_t start,
                           uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t e, uint8_t below) {
    if (start >= count) return start;
    size_t index = start;
    while (count - index >= 8) {
        uint64_t word;
        memcpy(&word, bytes + index, 8);
        uint64_t found = zeros(word ^ (ONES * a)) | zeros(word ^ (ONES * b)) | zeros(word ^ (ONES * c))
                       | zeros(word ^ (ONES * d)) | zeros(word ^ (ONES * e));
        // Bytes below `below` (at most 0x80): the same borrow trick against below in every byte.
        if (below) found |= (word - ONES * below) & ~word & HIGHS;
        if (found) break;
        index += 8;
    }
    for (; index < count; index++) {
        if (MEMBER(bytes[index], a, b, c, d, e, below)) return index;
    }
    return count;
}

#endif

size_t anslag_first_html(const uint8_t *bytes, size_t count, size_t start) {
    return first(bytes, count, start, '<', '>', '&', '"', '\'', 0);
}

size_t anslag_first_csv(const uint8_t *bytes, size_t count, size_t start) {
    return first(bytes, count, start, ',', '"', '\n', '\r', ';', 0);
}

size_t anslag_first_quote(const uint8_t *bytes, size_t count, size_t start) {
    return first(bytes, count, start, '"', '"', '"', '"', '"', 0);
}

size_t anslag_first_json(const uint8_t *bytes, size_t count, size_t start) {
    return first(bytes, count, start, '"', '\\', 0xE2, '"', '"', 0x20);
}
