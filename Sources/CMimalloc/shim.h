// mimalloc (Debian's libmimalloc-dev), linked into the anslag binary: its shared library replaces
// malloc and free for the whole process. See Sources/anslag/main.swift.
#include <mimalloc.h>
