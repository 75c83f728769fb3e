package i18n

import (
	"io/fs"
	"maps"
	"strings"
	"testing"
)

// Every catalog file is indexed (none falls back to the whole parse, which costs), and
// the lazy catalog, every message decoded, is the whole parse's, in every language.
func TestIndexMatchesTheParse(t *testing.T) {
	files, err := fs.Glob(catalogs, "locales/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatal(files, err)
	}
	for _, f := range files {
		data, _ := catalogs.ReadFile(f)
		if _, ok := index(string(data)); !ok {
			t.Errorf("%s: the index does not know this file's TOML (it is parsed whole at every start)", f)
		}
	}
	for _, lang := range Langs {
		lazy, err := readCatalog(lang, true)
		if err != nil {
			t.Fatal(err)
		}
		whole, err := readCatalog(lang, false)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]forms{}
		for _, id := range lazy.ids() {
			f, ok := lazy.lookup(id)
			if !ok {
				t.Errorf("%s: %s does not decode", lang, id)
			}
			got[id] = f
		}
		if !maps.Equal(got, whole.forms) {
			t.Errorf("%s: the lazy catalog (%d messages) differs from the parse (%d)", lang, len(got), len(whole.forms))
			for id, f := range whole.forms {
				if got[id] != f {
					t.Errorf("%s: %q lazy %q, parsed %q", lang, id, got[id], f)
				}
			}
		}
	}
}

// The index reads the shapes the catalogs use, and gives up on the rest of TOML (the
// file is then parsed whole), never guessing.
func TestIndex(t *testing.T) {
	for _, tc := range []struct {
		toml string
		want map[string]forms // nil: the index gives up
	}{
		{"# c\n\n\"a.b\" = \"x\" # c\nc = 'lit'\n", map[string]forms{"a.b": {other: "x"}, "c": {other: "lit"}}},
		{"\"m\" = \"\"\"\nl1 \\\"\"\" still\nl2\"\"\"\"\n\"n\" = '''\nraw \\ '''\n", map[string]forms{
			"m": {other: "l1 \"\"\" still\nl2\""}, "n": {other: "raw \\ "}}},
		{"\"e\" = \"tab\\t \\u00e9 \\\"q\\\"\"\n", map[string]forms{"e": {other: "tab\t é \"q\""}}},
		{"[\"p\"]\none = \"1\"\nother = \"n\"\n\n[\"q\"]\nother = \"o\"\n", map[string]forms{"p": {one: "1", other: "n"}, "q": {other: "o"}}},
		{"[t]\na = \"x\"\nb = \"y\"\n", map[string]forms{"t.a": {other: "x"}, "t.b": {other: "y"}}},
		{"a.b = \"x\"\n", nil},
		{"a = 1\n", nil},
		{"a = [\"x\"]\n", nil},
		{"a = { b = \"x\" }\n", nil},
		{"a = \"x\" b\n", nil},
		{"a = \"unclosed\n", nil},
		{"[[arr]]\nx = \"y\"\n", nil},
		{"[p]\none = \"1\"\nmore = \"m\"\n", nil},
		{"\"k\\u0041\" = \"x\"\n", nil},
	} {
		msgs, ok := index(tc.toml)
		if tc.want == nil {
			if ok {
				t.Errorf("index(%q) = %q, want it to give up", tc.toml, msgs)
			}
			continue
		}
		if !ok {
			t.Errorf("index(%q) gave up", tc.toml)
			continue
		}
		c := &catalog{src: msgs, forms: map[string]forms{}}
		got := map[string]forms{}
		for _, id := range c.ids() {
			got[id], _ = c.lookup(id)
		}
		if !maps.Equal(got, tc.want) {
			t.Errorf("index(%q) decodes to %q, want %q", tc.toml, got, tc.want)
		}
		if whole, err := parseMessages([]byte(tc.toml)); err != nil || !maps.Equal(whole, tc.want) {
			t.Errorf("the parse of %q gives %q (%v), the test wants %q", tc.toml, whole, err, tc.want)
		}
	}
}

// A later file's message replaces an earlier one's, whether each file is indexed or
// parsed whole (`a.x = "2"` is TOML the index leaves to the parse), and a file that
// does not parse is an error naming it.
func TestLaterFileWins(t *testing.T) {
	for _, lazy := range []bool{true, false} {
		c, err := build([]string{"1", "2", "3", "4"}, []string{
			"a = \"1\"\nb = \"1\"\nc = \"1\"\n", "a = \"2\"\nb.x = \"2\"\nc = \"2\"\n", "a = \"3\"\n", "[c]\nother = \"4\"\n",
		}, lazy)
		if err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{"a": "3", "b": "1", "b.x": "2", "c": "4"} {
			if f, _ := c.lookup(id); f.other != want {
				t.Errorf("lazy %v: %s = %q, want %q", lazy, id, f.other, want)
			}
		}
		if _, err := build([]string{"bad.fr.toml"}, []string{"a = \"x\"\nb = \"unclosed\n"}, lazy); err == nil || !strings.Contains(err.Error(), "bad.fr.toml") {
			t.Errorf("lazy %v: an unclosed string gives %v, want an error naming the file", lazy, err)
		}
	}
}
