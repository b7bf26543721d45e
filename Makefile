# The two set-up commands of the README. Each installs what it needs first.
.PHONY: site test check release-binary

# Build the site from Content/ into Output/.
# The Swift runtime and Foundation are linked into the binary: a start then binds no shared
# libraries, which took a seventh of a bundled build (0.082 -> 0.070 s, BENCHMARKS.md).
site:
	@scripts/setup
	swift build -c release --product anslag --static-swift-stdlib
	.build/release/anslag build --content Content --output Output
	scripts/search-index Output

# Run the whole test suite.
test:
	@scripts/setup
	swift test

# Check the content without writing anything.
check:
	@scripts/setup
	swift run anslag check --content Content
