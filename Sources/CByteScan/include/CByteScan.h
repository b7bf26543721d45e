#ifndef CBYTESCAN_H
#define CBYTESCAN_H

#include <stddef.h>
#include <stdint.h>

// Byte scanning for the escapers (see `ByteSet` in Sources/Anslag/Rendering/ByteSet.swift).
//
// Each function returns the first index at or after `start` whose byte is in its set, or `count`
// when none is (or `start` when `start` is past `count`). Each reads only `bytes[0..<count]`.

/// `<`, `>`, `&`, `"`, `'`: what HTML escaping changes.
size_t anslag_first_html(const uint8_t *bytes, size_t count, size_t start);
/// `,`, `"`, LF, CR, `;`: what makes a CSV cell quoted.
size_t anslag_first_csv(const uint8_t *bytes, size_t count, size_t start);
/// `"`: the quote, doubled inside a quoted CSV cell.
size_t anslag_first_quote(const uint8_t *bytes, size_t count, size_t start);
/// `"`, `\`, the control characters (below 0x20) and 0xE2 (the lead byte of U+2028/U+2029):
/// what a JSON string may need to change.
size_t anslag_first_json(const uint8_t *bytes, size_t count, size_t start);
/// A control character's first byte as `SourceText` refuses them: below 0x20 except tab and line
/// feed, 0x7F, and the lead bytes 0xC2 (U+0080 to U+009F start with it) and 0xEF (U+FFFE and
/// U+FFFF do). A candidate only: 0xC2 and 0xEF also start allowed characters.
size_t anslag_first_control_candidate(const uint8_t *bytes, size_t count, size_t start);

#endif
