import AnslagCLI
import CMimalloc

// The binary links mimalloc, whose shared library then provides malloc and free for the whole
// process (it comes before the C library in the order the dynamic linker looks symbols up). A
// build allocates and frees millions of small strings and arrays on all cores; glibc's allocator
// spent a twelfth of a 10 000-page build on them (BENCHMARKS.md, round 9). Naming one of its
// functions keeps the library linked where a linker drops libraries nothing names.
_ = mi_version()

AnslagCommand.main(arguments: Array(CommandLine.arguments.dropFirst()))
