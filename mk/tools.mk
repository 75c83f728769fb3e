# Tools the tests drive: tmux for the end-to-end TUI tests. Installed from Debian when
# missing (CI runs as root); on other systems install them with your package manager.
tools:
	@command -v tmux >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tmux >/dev/null; \
	  else echo "tmux is missing: the TUI end-to-end tests will skip"; fi; }
