# The two set-up commands of the README. Each installs what it needs first.
.PHONY: site test check release-binary

# Build the site from Content/ into Output/.
site:
	@scripts/setup
	swift build -c release --product anslag
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
